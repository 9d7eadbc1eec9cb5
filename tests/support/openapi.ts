import fs from "node:fs";
import path from "node:path";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { parse } from "yaml";

/**
 * Validates our API responses against DfE's own OpenAPI documents (tests/fixtures/dfe). The DfE files are
 * OpenAPI 3.0: `nullable` is honoured (Ajv supports it), and the non-standard `required: true` inside
 * property schemas is dropped before compiling.
 */
type Spec = {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
  components: { schemas: Record<string, unknown> };
};

const SPECS: Record<string, string> = {
  v3: path.join(import.meta.dirname, "..", "fixtures", "dfe", "npq-api-v3.swagger.yaml"),
};

function clean(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(clean);
  if (node && typeof node === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === "required" && typeof value === "boolean") continue;
      if (key === "example" || key === "examples") continue;
      out[key] = clean(value);
    }
    // OpenAPI 3.0: `nullable: true` admits null even when an `enum` lists only strings.
    if (out.nullable === true && Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...(out.enum as unknown[]), null];
    return out;
  }
  return node;
}

const loaded = new Map<string, { spec: Spec; ajv: Ajv }>();
function load(version: string) {
  let entry = loaded.get(version);
  if (!entry) {
    const spec = clean(parse(fs.readFileSync(SPECS[version]!, "utf8"))) as Spec;
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats(ajv);
    ajv.addSchema({ $id: "spec", components: spec.components }, "spec");
    entry = { spec, ajv };
    loaded.set(version, entry);
  }
  return entry;
}

const cache = new Map<string, ValidateFunction>();

/** Throws with every schema error when `body` is not what the DfE spec documents for this path, method and status. */
export function expectConforms(pathTemplate: string, method: string, status: number, body: unknown, version = "v3") {
  const { spec, ajv } = load(version);
  const operation = spec.paths[pathTemplate]?.[method.toLowerCase()];
  if (!operation) throw new Error(`The DfE ${version} spec has no ${method.toUpperCase()} ${pathTemplate}`);
  const response = operation.responses[String(status)];
  if (!response)
    throw new Error(
      `The DfE ${version} spec documents no ${status} for ${method.toUpperCase()} ${pathTemplate} (documented: ${Object.keys(operation.responses).join(", ")})`,
    );
  const schema = response.content?.["application/json"]?.schema;
  if (!schema) return;
  const key = `${version} ${method} ${pathTemplate} ${status}`;
  let validate = cache.get(key);
  if (!validate) {
    const rewritten = JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"spec#/components/'));
    validate = ajv.compile(rewritten);
    cache.set(key, validate);
  }
  if (!validate(body)) {
    throw new Error(
      `Response does not match the DfE spec for ${key}:\n${ajv.errorsText(validate.errors, { separator: "\n" })}\n${JSON.stringify(body).slice(0, 2000)}`,
    );
  }
}

/** Every documented path and method, for coverage checks. */
export function documentedOperations(version = "v3"): { path: string; method: string }[] {
  const { spec } = load(version);
  return Object.entries(spec.paths).flatMap(([p, ops]) => Object.keys(ops).map((method) => ({ path: p, method })));
}
