#!/usr/bin/env bash
# Regenerates the committed CRD schemas the k8s/ checks validate ServiceMonitor, PodMonitor,
# PrometheusRule, Rollout, AnalysisTemplate and ScaledObject against. Source: the npm
# @kubernetes-models packages, generated from each project's published CRD OpenAPI schemas;
# versions pinned below. Needs node and npm (registry access); the tests need neither.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="$here/../src/main/resources/io/opencontrol/deploychecks/kubernetes/crd-schemas.json"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund --ignore-scripts \
	@kubernetes-models/prometheus-operator@6.0.0 \
	@kubernetes-models/argo-rollouts@2.0.0 \
	@kubernetes-models/keda@2.0.0 \
	@kubernetes-models/apimachinery@3.0.2 \
	kubernetes-models@5.1.0 \
	typescript@5.7.3 >/dev/null)
node "$here/extract.mjs" "$work/node_modules" "$here/kinds.json" >"$target.new"
mv "$target.new" "$target"
echo "wrote $target"
