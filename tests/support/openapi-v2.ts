import fs from "node:fs";
import path from "node:path";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import Papa from "papaparse";

/**
 * Validates our ECF API v2 responses against DfE's own OpenAPI document (tests/fixtures/dfe/ecf-api-v2.json,
 * OpenAPI 3.0.1), as tests/support/openapi.ts does for NPQ v3: `nullable` is honoured, the non-standard
 * `required: true|false` inside property schemas is dropped, and `#/components/` references point at the spec.
 *
 * Where DfE's document is silent the helper says so explicitly rather than skipping:
 * - Most v2 operations document only 200 and 401. An undocumented 400, 401, 404 or 422 is checked against the
 *   component DfE uses for that status elsewhere in the same document (BadRequestResponse, UnauthorisedResponse,
 *   NotFoundResponse, ErrorResponse).
 * - Those components are loose (ErrorResponse names its list `error`, BadRequestResponse `bad_request`, neither
 *   required), so every 4xx is also held to the bodies DfE's service actually sends (shared/DOMAIN.md):
 *   {"errors":[{"title","detail"}]} for 400 and 422, {"error":"…"} for 401 and 404.
 * - DfE's v2 serializer writes declaration states dasherized (`current_state.dasherize`), so a clawed-back
 *   declaration answers `awaiting-clawback` / `clawed-back`, which the document's state enum leaves out: the enum
 *   is widened by exactly those two values.
 */

type Content = Record<string, { schema: unknown }>;
type Operation = { responses: Record<string, { content?: Content }> };
type Spec = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Record<string, unknown>> } };

const SPEC_FILE = path.join(import.meta.dirname, "..", "fixtures", "dfe", "ecf-api-v2.json");

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

/** States DfE's v2 API sends that the document's ParticipantDeclarationAttributes.state enum omits. */
export const UNDOCUMENTED_DECLARATION_STATES = ["awaiting-clawback", "clawed-back"] as const;

/** The component DfE's document uses for a status where an operation does not document it. */
const FALLBACK_FOR_STATUS: Record<number, string> = { 400: "BadRequestResponse", 401: "UnauthorisedResponse", 404: "NotFoundResponse", 422: "ErrorResponse" };

/** The error bodies DfE's service sends (shared/DOMAIN.md), stricter than the document's error components. */
const DFE_ERROR_BODIES: Record<number, unknown> = {
  400: { $ref: "#/definitions/errors" },
  422: { $ref: "#/definitions/errors" },
  401: { $ref: "#/definitions/error" },
  404: { $ref: "#/definitions/error" },
};
const DFE_ERROR_DEFINITIONS = {
  errors: {
    type: "object",
    required: ["errors"],
    additionalProperties: false,
    properties: {
      errors: {
        type: "array",
        minItems: 1,
        items: {
          type: "object",
          required: ["title", "detail"],
          additionalProperties: false,
          properties: { title: { type: "string", minLength: 1 }, detail: { type: "string", minLength: 1 } },
        },
      },
    },
  },
  error: { type: "object", required: ["error"], additionalProperties: false, properties: { error: { type: "string", minLength: 1 } } },
};

let loaded: { spec: Spec; ajv: Ajv } | null = null;
function load() {
  if (!loaded) {
    const spec = clean(JSON.parse(fs.readFileSync(SPEC_FILE, "utf8"))) as Spec;
    const state = (spec.components.schemas.ParticipantDeclarationAttributes!.properties as Record<string, { enum: string[] }>).state!;
    state.enum = [...state.enum, ...UNDOCUMENTED_DECLARATION_STATES];
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats(ajv);
    ajv.addSchema({ $id: "ecf-v2", components: spec.components }, "ecf-v2");
    loaded = { spec, ajv };
  }
  return loaded;
}

const cache = new Map<string, ValidateFunction>();
function compile(key: string, schema: unknown): ValidateFunction {
  let validate = cache.get(key);
  if (!validate) {
    const { ajv } = load();
    validate = ajv.compile(JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"ecf-v2#/components/')));
    cache.set(key, validate);
  }
  return validate;
}

function check(validate: ValidateFunction, key: string, body: unknown) {
  if (!validate(body)) {
    const { ajv } = load();
    throw new Error(`Response does not match ${key}:\n${ajv.errorsText(validate.errors, { separator: "\n" })}\n${JSON.stringify(body).slice(0, 2000)}`);
  }
}

function operation(pathTemplate: string, method: string): Operation {
  const op = load().spec.paths[pathTemplate]?.[method.toLowerCase()];
  if (!op) throw new Error(`The DfE ECF v2 spec has no ${method.toUpperCase()} ${pathTemplate}`);
  return op;
}

/**
 * Throws with every schema error when `body` is not what DfE's ECF v2 document says for this path, method and
 * status (see the module comment for undocumented statuses). A CSV body is checked to be text; check its rows
 * with `expectCsvConformsV2`.
 */
export function expectConformsV2(pathTemplate: string, method: string, status: number, body: unknown) {
  const op = operation(pathTemplate, method);
  const documented = op.responses[String(status)];
  const key = `DfE ECF v2 ${method.toUpperCase()} ${pathTemplate} ${status}`;
  if (documented) {
    const content = documented.content ?? {};
    const schema = content["application/json"]?.schema ?? (status === 200 ? content["text/csv"]?.schema : undefined);
    if (content["text/csv"] && status === 200) {
      if (typeof body !== "string") throw new Error(`${key}: a CSV body must be text, got ${typeof body}`);
    } else if (schema) {
      check(compile(key, schema), key, body);
    } else if (content["text/csv"]) {
      // The CSV paths document their 401 under text/csv, with the JSON UnauthorisedResponse schema.
      check(compile(key, content["text/csv"].schema), key, body);
    }
  } else {
    const fallback = FALLBACK_FOR_STATUS[status];
    if (!fallback)
      throw new Error(
        `The DfE ECF v2 spec documents no ${status} for ${method.toUpperCase()} ${pathTemplate} (documented: ${Object.keys(op.responses).join(", ")})`,
      );
    check(compile(`${key} (as ${fallback})`, { $ref: `#/components/schemas/${fallback}` }), `${key} (as ${fallback})`, body);
  }
  const strict = DFE_ERROR_BODIES[status];
  if (strict) check(compile(`dfe-error ${status}`, { definitions: DFE_ERROR_DEFINITIONS, ...(strict as object) }), `DfE's ${status} body`, body);
}

/**
 * Checks a CSV download against the row schema of its 200 response (ECFParticipantCsvRow,
 * ParticipantDeclarationCsvRow): every row's cells, read back as their types (booleans from true/false, empty cells
 * absent unless the column is text), must conform. Returns the parsed rows.
 */
export function expectCsvConformsV2(pathTemplate: string, csv: string): Record<string, string>[] {
  const op = operation(pathTemplate, "get");
  const schema = op.responses["200"]?.content?.["text/csv"]?.schema as { $ref?: string } | undefined;
  const wrapper = schema?.$ref ? load().spec.components.schemas[schema.$ref.split("/").pop()!] : undefined;
  const rowRef = (wrapper?.properties as { data?: { items?: { $ref?: string } } } | undefined)?.data?.items?.$ref;
  if (!rowRef) throw new Error(`The DfE ECF v2 spec has no CSV row schema for GET ${pathTemplate}`);
  const rowSchema = load().spec.components.schemas[rowRef.split("/").pop()!]!;
  const properties = rowSchema.properties as Record<string, { type?: string }>;
  if (csv === "") return [];
  const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`Unreadable CSV for GET ${pathTemplate}: ${parsed.errors.map((e) => e.message).join("; ")}`);
  const unknown = (parsed.meta.fields ?? []).filter((f) => !(f in properties));
  if (unknown.length > 0) throw new Error(`CSV columns not in ${rowRef}: ${unknown.join(", ")}`);
  const validate = compile(`csv-row ${rowRef}`, { $ref: rowRef });
  parsed.data.forEach((row, i) => {
    const typed: Record<string, unknown> = {};
    for (const [column, text] of Object.entries(row)) {
      const type = properties[column]?.type;
      if (type === "boolean") {
        if (text !== "") typed[column] = text === "true" ? true : text === "false" ? false : text;
      } else if (text !== "" || type === "string") {
        typed[column] = text;
      }
    }
    // An empty text cell stands for null: drop it when the column has a format an empty string cannot meet.
    for (const [column, value] of Object.entries(typed)) if (value === "" && (properties[column] as { format?: string }).format) delete typed[column];
    check(validate, `${rowRef} (CSV row ${i + 1} of GET ${pathTemplate})`, typed);
  });
  return parsed.data;
}

/** Every documented path and method of the ECF v2 spec, for coverage checks. */
export function documentedOperationsV2(): { path: string; method: string }[] {
  return Object.entries(load().spec.paths).flatMap(([p, ops]) => Object.keys(ops).map((method) => ({ path: p, method })));
}
