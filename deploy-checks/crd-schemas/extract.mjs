// Reads the CRD models of the @kubernetes-models packages (generated from each project's
// published CRD OpenAPI schemas) and writes, for the kinds k8s/ uses, every object type's fields:
// name, whether required, and type. Kubernetes' own types (ObjectMeta, PodTemplateSpec, ...) are
// named, not copied: the checker validates them against the Kubernetes 1.32 models.
// Usage: node extract.mjs <node_modules> <kinds.json> > crd-schemas.json
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const [modules, kindsFile] = process.argv.slice(2);
const require = createRequire(path.join(modules, "noop.js"));
const ts = require("typescript");
const wanted = JSON.parse(fs.readFileSync(kindsFile, "utf8"));

const roots = wanted.kinds.map((k) => path.join(modules, k.file));
const program = ts.createProgram(roots, {
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  module: ts.ModuleKind.NodeNext,
  noEmit: true,
});
const checker = program.getTypeChecker();
const types = {};

// Where a type is declared: kubernetes-models/apps/v1/X.d.ts is Kubernetes' V1X;
// @kubernetes-models/keda/keda.sh/v1alpha1/X.d.ts is keda.sh/v1alpha1/X.
function origin(type) {
  const declaration = (type.aliasSymbol ?? type.symbol)?.declarations?.[0];
  if (!declaration) return null;
  const file = declaration.getSourceFile().fileName;
  const m = /node_modules\/(@kubernetes-models\/[^/]+|kubernetes-models)\/(.+)\/([^/]+)\.d\.ts$/.exec(file);
  if (!m) return null;
  const [, pkg, dir, name] = m;
  if (pkg === "kubernetes-models" || pkg === "@kubernetes-models/apimachinery") {
    const version = dir.split("/").pop();
    return { kubernetes: version.charAt(0).toUpperCase() + version.slice(1) + name };
  }
  return { ref: `${dir}/${name}` };
}

function describe(type) {
  if (type.isUnion()) {
    const parts = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
    if (parts.every((t) => t.isStringLiteral())) return { enum: parts.map((t) => t.value) };
    if (parts.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) return "boolean";
    const flags = parts.map((t) => t.flags);
    const isString = (f) => f & (ts.TypeFlags.String | ts.TypeFlags.StringLiteral);
    const isNumber = (f) => f & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral);
    if (parts.length === 2 && flags.some(isString) && flags.some(isNumber)) return "int-or-string";
    if (parts.length === 1) return describe(parts[0]);
    return "any";
  }
  if (type.flags & ts.TypeFlags.String) return "string";
  if (type.isStringLiteral()) return { enum: [type.value] };
  if (type.flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) return "number";
  if (type.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return "boolean";
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return "any";
  if (checker.isArrayType(type)) return { array: describe(checker.getTypeArguments(type)[0]) };
  const from = origin(type);
  if (from?.kubernetes === "V1Time" || from?.kubernetes === "V1MicroTime") return "string";
  if (from?.kubernetes?.endsWith("IntOrString")) return "int-or-string";
  if (from?.kubernetes?.endsWith("Quantity")) return "quantity";
  if (from?.kubernetes) return from;
  const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
  const properties = checker.getPropertiesOfType(type);
  if (index && properties.length === 0) return { map: describe(index.type) };
  if (properties.length === 0) return "any";
  if (!from) return "any";
  const typeName = from.ref;
  if (!types[typeName]) {
    types[typeName] = {};
    const fields = {};
    for (const p of properties) {
      const declaration = p.valueDeclaration ?? p.declarations[0];
      fields[p.getName()] = {
        required: !(p.flags & ts.SymbolFlags.Optional),
        type: describe(checker.getTypeOfSymbolAtLocation(p, declaration)),
      };
    }
    types[typeName] = fields;
  }
  return { ref: typeName };
}

const kinds = {};
for (const k of wanted.kinds) {
  const source = program.getSourceFile(path.join(modules, k.file));
  const symbol = checker.getSymbolAtLocation(source);
  const exported = checker.getExportsOfModule(symbol).find((s) => s.getName() === `I${k.kind}`);
  if (!exported) throw new Error(`no interface I${k.kind} in ${k.file}`);
  const described = describe(checker.getDeclaredTypeOfSymbol(exported));
  kinds[`${k.apiVersion}/${k.kind}`] = described.ref;
}
const sorted = Object.fromEntries(Object.keys(types).sort().map((n) => [n, types[n]]));
process.stdout.write(JSON.stringify({ source: wanted.source, kinds, types: sorted }, null, 1) + "\n");
