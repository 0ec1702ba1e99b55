#!/usr/bin/env bash
# Writes the dev overlay's secrets (database passwords, the demo identities' client secret) into
# secrets/, once: existing files are kept, so re-running never changes a running cluster's
# passwords. git ignores secrets/.
set -euo pipefail
dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/secrets"
mkdir -p "$dir"
umask 077

random() { openssl rand -hex 24; }

if [[ ! -f "$dir/database.env" ]]; then
	printf 'postgres-password=%s\nauth-password=%s\nfleet-password=%s\n' "$(random)" "$(random)" "$(random)" >"$dir/database.env"
fi
if [[ ! -f "$dir/demo.env" ]]; then
	printf 'client-secret=%s\n' "$(random)" >"$dir/demo.env"
fi
echo "secrets in $dir"
