import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import type { z } from "zod";
import { GET as docsPage } from "@/app/api/docs/route";
import { GET as v2Document } from "@/app/api/docs/v2/openapi.json/route";
import { GET as v3Document } from "@/app/api/docs/v3/openapi.json/route";
import { serializeEcfDeclaration, serializeEcfParticipant } from "@/lib/ecf/serialize";
import { serializeApplication, serializeOutcome, serializeParticipant } from "@/lib/npq/serialize";
import { serializeDeliveryPartner } from "./delivery-partners";
import { serializeDeclaration, serializeStatement } from "@/lib/npq/serialize-declarations";
import * as S from "./api-schemas";
import { DEFAULT_PER_PAGE, MAX_PER_PAGE } from "../api/http";
import { MESSAGES } from "../api/messages";
import { buildOpenApi, DOCUMENTED_LIMITS, type ApiVersion, type JsonSchema, type OpenApiDocument } from "./openapi";
import { RATE_WINDOW_SECONDS, rateLimit } from "./tokens";

/**
 * The generated OpenAPI documents against DfE's own specs (tests/fixtures/dfe): same operations, same attribute
 * names, types, nullability and enums, and DfE's example payloads parse with our zod schemas. Every place where we
 * knowingly differ from DfE's files is listed below with the reason, so a change on either side shows up here.
 */

const fixture = (name: string) => fs.readFileSync(path.join(process.cwd(), "tests/fixtures/dfe", name), "utf8");
type Spec = { paths: Record<string, Record<string, JsonSchema>>; components: { schemas: Record<string, JsonSchema> } };
const DFE: Record<ApiVersion, Spec> = {
  v3: YAML.parse(fixture("npq-api-v3.swagger.yaml")) as Spec,
  v2: JSON.parse(fixture("ecf-api-v2.json")) as Spec,
};
const OURS: Record<ApiVersion, OpenApiDocument> = { v3: buildOpenApi("v3"), v2: buildOpenApi("v2") };
const VERSIONS: ApiVersion[] = ["v3", "v2"];
const METHODS = ["get", "post", "put", "patch", "delete"];

const isObject = (v: unknown): v is JsonSchema => typeof v === "object" && v !== null && !Array.isArray(v);

function operations(paths: Record<string, Record<string, unknown>>): string[] {
  return Object.entries(paths).flatMap(([p, ops]) =>
    Object.keys(ops)
      .filter((m) => METHODS.includes(m))
      .map((m) => `${m.toUpperCase()} ${p}`),
  );
}

/** Operations we document beyond DfE's file, and DfE operations we leave out — each with its reason. */
const EXTRA_OPERATIONS: Record<ApiVersion, Record<string, string>> = {
  v3: {
    "GET /api/v3/delivery-partners/{id}":
      "DfE serves it (its spec defines DeliveryPartnerResponse but lists no path for it) and so do we (app/api/v3/delivery-partners/[id]).",
  },
  v2: {},
};
const MISSING_OPERATIONS: Record<ApiVersion, Record<string, string>> = { v3: {}, v2: {} };

function walk(node: unknown, visit: (value: JsonSchema, at: string) => void, at = "#"): void {
  if (Array.isArray(node)) node.forEach((v, i) => walk(v, visit, `${at}/${i}`));
  else if (isObject(node)) {
    visit(node, at);
    for (const [k, v] of Object.entries(node)) walk(v, visit, `${at}/${k}`);
  }
}

describe("(a) the generated documents are valid OpenAPI 3.0", () => {
  for (const version of VERSIONS) {
    const doc = OURS[version];

    it(`${version}: has the OpenAPI 3.0 envelope, bearer security and resolvable $refs`, () => {
      expect(doc.openapi).toMatch(/^3\.0\.\d$/);
      expect(doc.info).toMatchObject({ title: expect.any(String), version });
      expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
      expect(doc.security).toEqual([{ bearerAuth: [] }]);
      const problems: string[] = [];
      walk(doc, (node, at) => {
        if (typeof node.$ref === "string") {
          const name = node.$ref.replace(/^#\/components\/schemas\//, "");
          if (!node.$ref.startsWith("#/components/schemas/") || !(name in doc.components.schemas)) problems.push(`${at}: unresolved ${node.$ref}`);
          if (Object.keys(node).length !== 1) problems.push(`${at}: $ref with siblings`);
        }
      });
      expect(problems).toEqual([]);
    });

    it(`${version}: schemas use only what an OpenAPI 3.0 Schema Object allows`, () => {
      const problems: string[] = [];
      for (const [name, schema] of Object.entries(doc.components.schemas)) {
        walk(schema, (node, at) => {
          const where = `${name}${at.slice(1)}`;
          for (const key of ["$id", "$schema", "$defs", "definitions", "const", "prefixItems", "examples", "unevaluatedProperties", "$anchor"]) {
            if (key in node && !where.includes("/properties/")) problems.push(`${where}: ${key}`);
          }
          if ("type" in node && !where.endsWith("/properties") && typeof node.type !== "string") problems.push(`${where}: type must be a single string`);
          if (node.nullable === true && typeof node.type !== "string") problems.push(`${where}: nullable without a type`);
          if ("exclusiveMinimum" in node && typeof node.exclusiveMinimum !== "boolean") problems.push(`${where}: numeric exclusiveMinimum`);
        });
      }
      expect(problems).toEqual([]);
    });

    it(`${version}: every component compiles as a JSON Schema (ajv, with nullable and formats)`, () => {
      const ajv = new Ajv({ strict: false, allErrors: true });
      addFormats(ajv);
      ajv.addSchema({ $id: `https://attain.test/${version}`, components: doc.components });
      for (const name of Object.keys(doc.components.schemas))
        expect(ajv.getSchema(`https://attain.test/${version}#/components/schemas/${name}`), name).toBeTypeOf("function");
    });

    it(`${version}: every operation is well formed`, () => {
      const ids = new Set<string>();
      const tags = new Set(doc.tags.map((t) => t.name));
      for (const [p, ops] of Object.entries(doc.paths)) {
        expect(p).toMatch(/^\/api\/v[23]\//);
        const templated = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        for (const [method, op] of Object.entries(ops)) {
          const where = `${method.toUpperCase()} ${p}`;
          expect(ids.has(op.operationId), `${where}: duplicate operationId`).toBe(false);
          ids.add(op.operationId);
          expect(op.summary.length, where).toBeGreaterThan(0);
          expect(
            op.tags.every((t) => tags.has(t)),
            `${where}: undeclared tag`,
          ).toBe(true);
          expect(op.parameters.filter((x) => x.in === "path").map((x) => x.name)).toEqual(templated);
          expect(op.parameters.filter((x) => x.in === "path").every((x) => x.required)).toBe(true);
          const keys = op.parameters.map((x) => `${x.in}:${x.name}`);
          expect(new Set(keys).size, `${where}: duplicate parameter`).toBe(keys.length);
          for (const x of op.parameters) expect(["path", "query", "header"]).toContain(x.in);
          expect(op.parameters.map((x) => x.name)).toContain("X-With-Server-Date");
          expect(op.parameters.find((x) => x.name === "X-With-Server-Date")!.description).toContain("not in production");
          expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["200", "400", "401", "429"]));
          for (const [status, r] of Object.entries(op.responses)) {
            expect(["200", "400", "401", "404", "422", "429"]).toContain(status);
            expect(r.description.length).toBeGreaterThan(0);
          }
          if (templated.length) expect(op.responses["404"], `${where}: 404`).toBeDefined();
          if (method !== "get") expect(op.responses["422"], `${where}: 422`).toBeDefined();
          if (op.requestBody) expect(op.requestBody.content["application/json"]!.schema.$ref).toMatch(/^#\/components\/schemas\//);
          expect(op.responses["429"]!.content!["text/plain"]!.schema).toMatchObject({ type: "string", enum: ["Retry later"] });
          expect(op.responses["401"]!.content!["application/json"]!.schema).toEqual({ $ref: "#/components/schemas/UnauthorisedResponse" });
        }
      }
    });

    it(`${version}: documents only paths and methods DfE's spec has (same path strings), apart from the listed extras`, () => {
      const dfe = new Set(operations(DFE[version].paths));
      const extras = operations(doc.paths).filter((op) => !dfe.has(op));
      expect(extras.sort()).toEqual(Object.keys(EXTRA_OPERATIONS[version]).sort());
    });

    it(`${version}: query parameters are DfE's (filter[…] from its filter schemas, page[…] and sort where DfE has them)`, () => {
      for (const [p, ops] of Object.entries(DFE[version].paths)) {
        for (const [method, dfeOp] of Object.entries(ops)) {
          const ours = doc.paths[p]?.[method as "get"];
          if (!ours) continue;
          const expected: string[] = [];
          for (const param of (dfeOp.parameters ?? []) as JsonSchema[]) {
            if (param.in !== "query") continue;
            const schema = resolve(DFE[version], param.schema as JsonSchema);
            if (param.name === "filter" || param.name === "page")
              expected.push(...Object.keys((schema.properties ?? {}) as object).map((k) => `${String(param.name)}[${k}]`));
            else expected.push(String(param.name));
          }
          const actual = ours.parameters.filter((x) => x.in === "query").map((x) => x.name);
          expect(actual.sort(), `${method.toUpperCase()} ${p}`).toEqual(expected.sort());
          const sortParam = ((dfeOp.parameters ?? []) as JsonSchema[]).find((x) => x.name === "sort");
          if (sortParam)
            expect(ours.parameters.find((x) => x.name === "sort")!.schema.enum).toEqual(resolve(DFE[version], sortParam.schema as JsonSchema).enum);
        }
      }
    });
  }

  it("documents exactly the operations the app serves (app/api/v2, app/api/v3 route handlers)", () => {
    const served: string[] = [];
    for (const version of VERSIONS) {
      const root = path.join(process.cwd(), "app/api", version);
      for (const file of fs.readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith("route.ts"))) {
        const text = fs.readFileSync(path.join(root, file), "utf8");
        const route = `/api/${version}/${path.dirname(file).split(path.sep).join("/")}`.replace(/\[(\w+)\]/g, "{$1}");
        for (const [, method] of text.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)) served.push(`${method} ${route}`);
      }
    }
    expect(served.sort()).toEqual([...operations(OURS.v3.paths), ...operations(OURS.v2.paths)].sort());
  });

  it("states the limits the API enforces", () => {
    expect(DOCUMENTED_LIMITS).toEqual({
      defaultPerPage: DEFAULT_PER_PAGE,
      maxPerPage: MAX_PER_PAGE,
      requestsPerWindow: rateLimit(),
      windowSeconds: RATE_WINDOW_SECONDS,
    });
  });

  it("serves the JSON documents", async () => {
    expect(await v3Document().json()).toEqual(JSON.parse(JSON.stringify(OURS.v3)));
    expect(await v2Document().json()).toEqual(JSON.parse(JSON.stringify(OURS.v2)));
  });
});

describe("(b) every DfE operation is documented", () => {
  for (const version of VERSIONS) {
    it(`${version}: all of ${version === "v3" ? "npq-api-v3.swagger.yaml" : "ecf-api-v2.json"}'s operations, apart from the listed omissions`, () => {
      const ours = new Set(operations(OURS[version].paths));
      const missing = operations(DFE[version].paths).filter((op) => !ours.has(op));
      expect(missing.sort()).toEqual(Object.keys(MISSING_OPERATIONS[version]).sort());
      expect(operations(DFE[version].paths)).toHaveLength(version === "v3" ? 22 : 12);
    });
  }
});

// ---------------------------------------------------------------------------------------------------------
// (c) attribute by attribute
// ---------------------------------------------------------------------------------------------------------

function resolve(spec: { components: { schemas: Record<string, JsonSchema> } }, schema: JsonSchema): JsonSchema {
  let current = schema;
  for (let i = 0; typeof current.$ref === "string" && i < 10; i++) {
    const found = spec.components.schemas[current.$ref.replace("#/components/schemas/", "")];
    if (!found) throw new Error(`Unresolved ${current.$ref}`);
    current = found;
  }
  return current;
}

const isObjectSchema = (s: JsonSchema) => s.type === "object" || isObject(s.properties);
const typeOf = (s: JsonSchema) => (isObjectSchema(s) ? "object" : (s.type as string | undefined));

/** DfE marks required-ness both in `required: [...]` and (invalidly) with `required: true|false` on a property. */
function requiredOf(s: JsonSchema): string[] {
  const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
  const listed = Array.isArray(s.required) ? (s.required as string[]) : [];
  const flagged = Object.entries(properties)
    .filter(([, p]) => p.required === true)
    .map(([k]) => k);
  const optional = new Set(
    Object.entries(properties)
      .filter(([, p]) => p.required === false)
      .map(([k]) => k),
  );
  return [...new Set([...listed, ...flagged])].filter((k) => !optional.has(k) && k in properties).sort();
}

/**
 * Differences between one of our schemas and DfE's: property names (set equality), type, nullability, enums (where
 * DfE has one), formats (where DfE has one) and, for request bodies, required properties and additionalProperties.
 */
function compare(version: ApiVersion, ours: JsonSchema, dfe: JsonSchema, at: string, request: boolean, out: string[]): void {
  const o = resolve(OURS[version], ours);
  const d = resolve(DFE[version], dfe);
  if (Array.isArray(d.anyOf) && !Array.isArray(o.anyOf) && d.anyOf.length === 1) return compare(version, o, d.anyOf[0] as JsonSchema, at, request, out);
  if (Array.isArray(d.anyOf) || Array.isArray(o.anyOf)) {
    const dv = (d.anyOf ?? []) as JsonSchema[];
    const ov = (o.anyOf ?? []) as JsonSchema[];
    if (dv.length !== ov.length) out.push(`${at}: ${ov.length} alternatives, DfE ${dv.length}`);
    else dv.forEach((v, i) => compare(version, ov[i]!, v, `${at}|${i}`, request, out));
    return;
  }
  const dt = typeOf(d);
  if (dt && typeOf(o) !== dt) out.push(`${at}: type ${typeOf(o)}, DfE ${dt}`);
  if ((o.nullable === true) !== (d.nullable === true)) out.push(`${at}: nullable ${o.nullable === true}, DfE ${d.nullable === true}`);
  if (Array.isArray(d.enum) && JSON.stringify([...((o.enum ?? []) as string[])].sort()) !== JSON.stringify([...(d.enum as string[])].sort()))
    out.push(`${at}: enum ${JSON.stringify(o.enum)}, DfE ${JSON.stringify(d.enum)}`);
  if (typeof d.format === "string" && o.format !== d.format) out.push(`${at}: format ${String(o.format)}, DfE ${d.format}`);
  if (isObjectSchema(d)) {
    const op = (o.properties ?? {}) as Record<string, JsonSchema>;
    const dp = (d.properties ?? {}) as Record<string, JsonSchema>;
    const onlyOurs = Object.keys(op).filter((k) => !(k in dp));
    const onlyDfe = Object.keys(dp).filter((k) => !(k in op));
    if (onlyOurs.length) out.push(`${at}: only ours: ${onlyOurs.sort().join(", ")}`);
    if (onlyDfe.length) out.push(`${at}: only DfE: ${onlyDfe.sort().join(", ")}`);
    if (request) {
      const or = [...((o.required ?? []) as string[])].sort();
      const dr = requiredOf(d);
      if (JSON.stringify(or) !== JSON.stringify(dr)) out.push(`${at}: required [${or.join(", ")}], DfE [${dr.join(", ")}]`);
      if ((o.additionalProperties === false) !== (d.additionalProperties === false))
        out.push(`${at}: additionalProperties false ${o.additionalProperties === false}, DfE ${d.additionalProperties === false}`);
    }
    for (const k of Object.keys(op)) if (k in dp) compare(version, op[k]!, dp[k]!, `${at}.${k}`, request, out);
  }
  if (dt === "array" && isObject(d.items) && isObject(o.items)) compare(version, o.items, d.items, `${at}[]`, request, out);
}

/** Our component → DfE's component (same name unless said otherwise). */
const COMPARED: Record<ApiVersion, { responses: Record<string, string>; requests: Record<string, string> }> = {
  v3: {
    responses: Object.fromEntries(
      [
        "IDAttribute",
        "Application",
        "ApplicationResponse",
        "ApplicationsResponse",
        "Participant",
        "ParticipantResponse",
        "ParticipantsResponse",
        "ParticipantOutcome",
        "ParticipantOutcomeResponse",
        "ParticipantOutcomesResponse",
        "ParticipantDeclaration",
        "ParticipantDeclarationResponse",
        "ParticipantDeclarationsResponse",
        "Statement",
        "StatementResponse",
        "StatementsResponse",
        "DeliveryPartner",
        "DeliveryPartnerResponse",
        "DeliveryPartnersResponse",
        "UnauthorisedResponse",
        "NotFoundResponse",
        "BadRequestResponse",
        "UnprocessableEntityResponse",
      ].map((n) => [n, n]),
    ),
    requests: Object.fromEntries(Object.keys(S.V3_COMPONENTS.input).map((n) => [n, n])),
  },
  v2: {
    responses: {
      ...Object.fromEntries(
        [
          "ECFParticipant",
          "ECFParticipantAttributes",
          "ECFParticipantResponse",
          "MultipleECFParticipantsResponse",
          "ECFParticipantCsvRow",
          "ParticipantDeclarationResponse",
          "ParticipantDeclarationAttributes",
          "SingleParticipantDeclarationResponse",
          "MultipleParticipantDeclarationsResponse",
          "ParticipantDeclarationCsvRow",
          "UnauthorisedResponse",
          "NotFoundResponse",
          "BadRequestResponse",
        ].map((n) => [n, n]),
      ),
      UnprocessableEntityResponse: "ErrorResponse",
    },
    // ParticipantDeclarationRequest is nested differently (DfE: three data shapes of attribute alternatives; ours:
    // one data shape with the same ten alternatives): compared below by its alternatives.
    requests: Object.fromEntries(
      Object.keys(S.V2_COMPONENTS.input)
        .filter((n) => n !== "ParticipantDeclarationRequest")
        .map((n) => [n, n]),
    ),
  },
};

/** Every knowing difference from DfE's files, with the reason. */
const KNOWN_DIFFERENCES: Record<ApiVersion, Record<string, string>> = {
  v3: {
    "ParticipantDeclarationChangeDeliveryPartnerRequest.data.attributes: only DfE: declaration_type, participant_id":
      "DfE's alternative is a copy of the completed-declaration request (its description says so) with participant_id and declaration_type: completed; only the delivery partner IDs are changeable, and DfE's own example sends only those.",
    "ParticipantDeclarationChangeDeliveryPartnerRequest.data.attributes: required [delivery_partner_id], DfE [declaration_type, delivery_partner_id, participant_id]":
      "As above: DfE flags the copied participant_id and declaration_type `required: true`.",
  },
  v2: {
    "BadRequestResponse: only ours: errors":
      'DfE\'s v2 schema lists a `bad_request` string, but its example (and the API) answers {"errors":[{"title":"Bad request","detail":…}]}, as v3 does.',
    "BadRequestResponse: only DfE: bad_request": "As above.",
    "UnprocessableEntityResponse: only ours: errors":
      "DfE's v2 ErrorResponse names the list `error`; the API (ActiveModelErrorsSerializer) answers `errors`, as v3 does and as lib/api/http.ts does.",
    "UnprocessableEntityResponse: only DfE: error": "As above.",
    "ECFParticipantWithdrawRequest.data: required [attributes, type], DfE []":
      "DfE's ECFParticipantWithdraw (unlike defer, resume and change-schedule) has no `required` list; the request needs type and attributes like the others.",
  },
};

describe("(c) attribute names, types, nullability and enums equal DfE's", () => {
  for (const version of VERSIONS) {
    it(`${version}: resources, request bodies and error bodies`, () => {
      const differences: string[] = [];
      for (const [kind, pairs] of Object.entries(COMPARED[version])) {
        for (const [ours, dfe] of Object.entries(pairs)) {
          expect(OURS[version].components.schemas[ours], `our ${ours}`).toBeDefined();
          expect(DFE[version].components.schemas[dfe], `DfE ${dfe}`).toBeDefined();
          compare(version, { $ref: `#/components/schemas/${ours}` }, { $ref: `#/components/schemas/${dfe}` }, ours, kind === "requests", differences);
        }
      }
      expect(differences.sort()).toEqual(Object.keys(KNOWN_DIFFERENCES[version]).sort());
    });
  }

  it("v2: the declaration request accepts exactly DfE's ten attribute shapes", () => {
    const dfe = new Set<string>();
    walk(DFE.v2.components.schemas.ParticipantDeclarationRequest, (node) => {
      if (typeof node.$ref === "string") {
        const target = resolve(DFE.v2, node);
        walk(target, (inner) => typeof inner.$ref === "string" && dfe.add(inner.$ref));
      }
    });
    const ours = ((resolve(OURS.v2, { $ref: "#/components/schemas/ParticipantDeclarationRequest" }).properties as JsonSchema).data as JsonSchema)
      .properties as JsonSchema;
    expect(((ours.attributes as JsonSchema).anyOf as JsonSchema[]).map((s) => s.$ref).sort()).toEqual([...dfe].sort());
    expect(Object.keys(S.ECF_DECLARATION_REQUEST_VARIANTS).sort()).toEqual([...dfe].map((r) => r.replace("#/components/schemas/", "")).sort());
  });

  it("v2: participant action responses are our participant without training_record_id (DfE's spec omits it there; the API sends the full participant)", () => {
    const ours = Object.keys(S.ecfParticipantAttributes.shape).sort();
    for (const name of ["ECFParticipantDeferAttributesResponse", "ECFParticipantResumeAttributesResponse", "ECFParticipantWithdrawAttributesResponse"]) {
      const dfe = Object.keys(DFE.v2.components.schemas[name]!.properties as object);
      expect([...dfe, "training_record_id"].sort(), name).toEqual(ours);
    }
  });

  it("v2: CSV columns are DfE's, in DfE's order", () => {
    const header = (name: string) => String(DFE.v2.components.schemas[name]!.example).split("\n")[0]!.split(",");
    expect(S.ECF_PARTICIPANT_CSV_COLUMNS).toEqual(header("MultipleECFParticipantsCsvResponse"));
    expect(S.ECF_PARTICIPANT_CSV_COLUMNS).toEqual(Object.keys(DFE.v2.components.schemas.ECFParticipantCsvRow!.properties as object));
    expect(S.ECF_DECLARATION_CSV_COLUMNS).toEqual(header("MultipleParticipantDeclarationsCsvResponse"));
    expect(new Set(S.ECF_DECLARATION_CSV_COLUMNS)).toEqual(new Set(Object.keys(DFE.v2.components.schemas.ParticipantDeclarationCsvRow!.properties as object)));
  });
});

// ---------------------------------------------------------------------------------------------------------
// (d) DfE's example payloads
// ---------------------------------------------------------------------------------------------------------

/** An example built from DfE's schema: its own `example` where it has an object one, else from its properties' examples. */
function exampleFrom(version: ApiVersion, input: JsonSchema): unknown {
  const s = resolve(DFE[version], input);
  if (isObject(s.example)) return s.example;
  if (Array.isArray(s.anyOf)) return exampleFrom(version, s.anyOf[0] as JsonSchema);
  if (isObjectSchema(s)) {
    const out: Record<string, unknown> = {};
    for (const [k, p] of Object.entries((s.properties ?? {}) as Record<string, JsonSchema>)) {
      const value = exampleFrom(version, p);
      if (value !== undefined) out[k] = value;
    }
    return out;
  }
  if (s.type === "array") return isObject(s.items) ? [exampleFrom(version, s.items)].filter((v) => v !== undefined) : [];
  if ("example" in s) return s.example;
  if (Array.isArray(s.enum)) return s.enum[0];
  return s.nullable === true ? null : undefined;
}

type ExampleCase = { name: string; schema: z.ZodType; value: unknown; jsonSchema?: string };

function examplesOf(version: ApiVersion): ExampleCase[] {
  const dfe = DFE[version];
  const components = {
    ...S[version === "v3" ? "V3_COMPONENTS" : "V2_COMPONENTS"].output,
    ...S[version === "v3" ? "V3_COMPONENTS" : "V2_COMPONENTS"].input,
  } as Record<string, z.ZodType>;
  const cases: ExampleCase[] = [];
  // Operation examples (`examples: {success: {value}}`) of 200 responses.
  for (const [p, ops] of Object.entries(dfe.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const media = ((op.responses as JsonSchema)["200"] as JsonSchema | undefined)?.content as Record<string, JsonSchema> | undefined;
      const json = media?.["application/json"];
      const schemaName = String((json?.schema as JsonSchema | undefined)?.$ref ?? "").replace("#/components/schemas/", "");
      for (const [key, example] of Object.entries((json?.examples ?? {}) as Record<string, { value: unknown }>)) {
        cases.push({
          name: `${method.toUpperCase()} ${p} 200 example "${key}"`,
          schema: components[schemaName]!,
          value: example.value,
          jsonSchema: schemaName,
        });
      }
    }
  }
  // Component examples, at whatever level DfE put them.
  const at = (name: string, schema: z.ZodType, value: unknown, jsonSchema?: string) => cases.push({ name, schema, value, jsonSchema });
  const data = (schema: z.ZodType) => (schema as unknown as z.ZodObject<{ data: z.ZodObject<{ attributes: z.ZodType }> }>).shape.data;
  const attributes = (schema: z.ZodType) => data(schema).shape.attributes;
  for (const [name, schema] of Object.entries(dfe.components.schemas)) {
    if (isObject(schema.example)) {
      const ours =
        components[name] ??
        {
          ECFParticipantChangeSchedule: data(S.ecfParticipantChangeScheduleRequest),
          ECFParticipantChangeScheduleAttributes: attributes(S.ecfParticipantChangeScheduleRequest),
          ECFParticipantDeferAttributes: attributes(S.ecfParticipantDeferRequest),
          ECFParticipantResumeAttributes: attributes(S.ecfParticipantResumeRequest),
          ECFParticipantWithdrawAttributes: attributes(S.ecfParticipantWithdrawRequest),
          // Older shapes DfE keeps in the file without using them: still declaration attributes we accept.
          ECFParticipantRetainedDeclarationAttributes: attributes(S.ecfDeclarationRequest),
          ECFParticipantStartedDeclarationAttributes: attributes(S.ecfDeclarationRequest),
        }[name];
      if (!ours) throw new Error(`No schema of ours for DfE's ${name} example`);
      at(`${name} example`, ours, schema.example, components[name] ? name : undefined);
    }
  }
  if (version === "v3") {
    const changeDp = (
      ((dfe.components.schemas.ParticipantDeclarationChangeDeliveryPartnerRequest!.properties as JsonSchema).data as JsonSchema).properties as JsonSchema
    ).attributes as JsonSchema;
    at(
      "ParticipantDeclarationChangeDeliveryPartnerRequest attributes example",
      attributes(S.npqDeclarationChangeDeliveryPartnerRequest),
      (changeDp.anyOf as JsonSchema[])[0]!.example,
    );
  } else {
    const list = (name: string) => ((dfe.components.schemas[name]!.properties as JsonSchema).data as JsonSchema).example;
    at("MultipleECFParticipantsResponse data example", S.ecfParticipantsResponse, { data: list("MultipleECFParticipantsResponse") });
    at("MultipleParticipantDeclarationsResponse data example", S.ecfDeclarationsResponse, { data: list("MultipleParticipantDeclarationsResponse") });
  }
  // Every resource and request body, built from DfE's attribute-level examples.
  const resources =
    version === "v3"
      ? ["Application", "Participant", "ParticipantOutcome", "ParticipantDeclaration", "Statement", "DeliveryPartner"]
      : ["ECFParticipant", "ParticipantDeclarationResponse"];
  for (const name of [...resources, ...Object.keys(COMPARED[version].requests)]) {
    at(`${name} built from DfE's attribute examples`, components[name]!, exampleFrom(version, { $ref: `#/components/schemas/${name}` }), name);
  }
  return cases;
}

/** DfE examples that break DfE's own schema; each must fail with exactly these issues (path: zod code). */
const BROKEN_EXAMPLES: Record<ApiVersion, Record<string, { issues: string[]; reason: string }>> = {
  v3: {
    'PUT /api/v3/participant-declarations/{id}/void 200 example "success"': {
      issues: ["data.attributes.statement_id: invalid_format"],
      reason:
        "DfE's example statement_id cd3a12347-7308-4879-942a-c4a70ced400a has nine hex digits in its first group: not a UUID, though the spec says format uuid.",
    },
    "ParticipantDeclaration built from DfE's attribute examples": {
      issues: ["attributes.clawback_statement_id: invalid_format", "attributes.statement_id: invalid_format"],
      reason: "The same malformed UUID is the attribute example of statement_id and clawback_statement_id.",
    },
  },
  v2: {
    "ParticipantDeclarationResponse built from DfE's attribute examples": {
      issues: ["id: invalid_format"],
      reason: "DfE's v2 id example is the same malformed cd3a12347-… UUID.",
    },
    "MultipleECFParticipantsResponse data example": {
      issues: [
        "data.0.attributes.schedule_identifier: invalid_value",
        "data.0.attributes.training_record_id: invalid_type",
        "data.1.attributes.mentor_id: invalid_type",
        "data.1.attributes.schedule_identifier: invalid_value",
        "data.1.attributes.training_record_id: invalid_type",
        "data.2.attributes.cohort: invalid_type",
        "data.2.attributes.full_name: invalid_type",
        "data.2.attributes.participant_type: invalid_value",
        "data.2.attributes.schedule_identifier: invalid_value",
        "data.2.attributes.school_urn: invalid_type",
        "data.2.attributes.sparsity_uplift: invalid_type",
        "data.2.attributes.pupil_premium_uplift: invalid_type",
        "data.2.attributes.training_record_id: invalid_type",
      ],
      reason:
        "DfE's list example predates training_record_id and schedule_identifier (required by its own ECFParticipantAttributes), leaves out the second participant's mentor_id (our schema requires every attribute, as our API always sends them all), and shows a withdrawn participant with nulls where its schema allows none (and the email \"null,\").",
    },
    "MultipleParticipantDeclarationsResponse data example": {
      issues: [
        "data.0.attributes.has_passed: invalid_type",
        "data.0.attributes.state: invalid_value",
        "data.0.attributes.updated_at: invalid_type",
        "data.1.attributes.has_passed: invalid_type",
        "data.1.attributes.state: invalid_value",
        "data.1.attributes.updated_at: invalid_type",
      ],
      reason:
        "DfE's list example leaves out state and updated_at, which its own ParticipantDeclarationAttributes requires, and has_passed, which our schema requires because our API always sends every attribute.",
    },
  },
};

function issuesOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; code: string }[] } }): string[] {
  return result.success ? [] : result.error!.issues.map((i) => `${i.path.map(String).join(".")}: ${i.code}`).sort();
}

describe("(d) DfE's own example payloads parse with our zod schemas", () => {
  for (const version of VERSIONS) {
    const cases = examplesOf(version);

    it(`${version}: finds DfE's examples (operations, components, attribute-level)`, () => {
      expect(cases.length).toBeGreaterThan(version === "v3" ? 25 : 20);
    });

    for (const c of cases) {
      const broken = BROKEN_EXAMPLES[version][c.name];
      it(`${version}: ${c.name}${broken ? " fails only where DfE's example is wrong" : ""}`, () => {
        const result = c.schema.safeParse(c.value);
        expect(issuesOf(result)).toEqual(broken ? [...broken.issues].sort() : []);
      });
    }

    it(`${version}: every listed broken example exists`, () => {
      const names = new Set(cases.map((c) => c.name));
      for (const name of Object.keys(BROKEN_EXAMPLES[version])) expect(names.has(name), name).toBe(true);
    });

    it(`${version}: the generated JSON Schema accepts the same examples as zod`, () => {
      const ajv = new Ajv({ strict: false, allErrors: true });
      addFormats(ajv);
      ajv.addSchema({ $id: `https://attain.test/${version}`, components: OURS[version].components });
      for (const c of cases) {
        if (!c.jsonSchema) continue;
        const validate = ajv.getSchema(`https://attain.test/${version}#/components/schemas/${c.jsonSchema}`)!;
        expect(validate(c.value), `${c.name}: ${JSON.stringify(validate.errors)}`).toBe(c.schema.safeParse(c.value).success);
      }
    });
  }

  it("v2: the broken list examples break DfE's own required lists too", () => {
    const list = (name: string) =>
      ((DFE.v2.components.schemas[name]!.properties as JsonSchema).data as JsonSchema).example as { attributes: Record<string, unknown> }[];
    const required = (name: string) => DFE.v2.components.schemas[name]!.required as string[];
    const missing = (items: { attributes: Record<string, unknown> }[], schema: string) =>
      items.map((i) => required(schema).filter((k) => !(k in i.attributes)));
    expect(missing(list("MultipleECFParticipantsResponse"), "ECFParticipantAttributes")).toEqual([
      ["training_record_id", "schedule_identifier"],
      ["training_record_id", "schedule_identifier"],
      ["training_record_id", "schedule_identifier"],
    ]);
    expect(missing(list("MultipleParticipantDeclarationsResponse"), "ParticipantDeclarationAttributes")).toEqual([
      ["state", "updated_at"],
      ["state", "updated_at"],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// The serialisers' output parses with these schemas
// ---------------------------------------------------------------------------------------------------------

describe("serialisers produce what the schemas describe", () => {
  const at = (iso: string) => new Date(iso);
  const participantId = "7a8fef46-3c43-42c0-b3d5-1ba5904ba562";
  const application = {
    id: "d0b4a32e-a272-489e-b30a-cb17131457fc",
    participantId,
    leadProviderId: "0b2e6a53-5b2a-4a3b-9d61-0d7f1c1e2a11",
    courseIdentifier: "npq-senior-leadership" as const,
    cohort: 2024,
    status: "accepted" as const,
    reasonForRejection: null,
    eligibleForFunding: true,
    fundedPlace: true,
    fundingChoice: "school",
    ineligibleForFundingReason: null,
    headteacherStatus: "no",
    employerName: null,
    employmentRole: null,
    schoolUrn: "106286",
    schoolUkprn: "10079319",
    privateChildcareProviderUrn: null,
    worksInSchool: true,
    targetedDeliveryFundingEligibility: false,
    teacherCatchment: true,
    teacherCatchmentCountry: "United Kingdom of Great Britain and Northern Ireland",
    teacherCatchmentIsoCountryCode: "GBR",
    ittProvider: null,
    leadMentor: false,
    worksAsSenco: false,
    sencoStartDate: null,
    scheduleId: "5f0c5d1e-8a57-4a0e-8a8e-2f3e4d5c6b7a",
    trainingStatus: "withdrawn" as const,
    deferralReason: null,
    deferredAt: null,
    withdrawalReason: "personal-reason-moving-school",
    withdrawnAt: at("2025-02-01T10:00:00.000Z"),
    acceptedAt: at("2024-10-01T09:00:00.000Z"),
    createdAt: at("2024-09-01T09:00:00.000Z"),
    updatedAt: at("2025-02-01T10:00:00.000Z"),
  };
  const participant = {
    id: participantId,
    fullName: "Isabelle MacDonald",
    email: "isabelle@example.com",
    emailValidated: true,
    trn: "1234567",
    trnValidated: true,
    previousNames: ["Isabelle James"],
    createdAt: at("2024-08-01T09:00:00.000Z"),
    updatedAt: at("2024-08-02T09:00:00.000Z"),
  };

  it("NPQ application, participant and outcome (lib/npq/serialize.ts)", () => {
    const json = serializeApplication({ application, participant, scheduleIdentifier: "npq-leadership-autumn" });
    expect(issuesOf(S.npqApplicationResponse.safeParse({ data: json }))).toEqual([]);
    const pending = serializeApplication({
      application: { ...application, status: "pending", trainingStatus: null, acceptedAt: null, fundedPlace: null, withdrawalReason: null, withdrawnAt: null },
      participant,
      scheduleIdentifier: null,
    });
    expect(issuesOf(S.npqApplicationsResponse.safeParse({ data: [json, pending] }))).toEqual([]);

    const record = {
      participant,
      enrolments: [
        { application, scheduleIdentifier: "npq-leadership-autumn" },
        {
          application: {
            ...application,
            id: "9c1a2b3c-4d5e-4f60-8a7b-1c2d3e4f5a6b",
            courseIdentifier: "npq-headship" as const,
            trainingStatus: "deferred" as const,
            deferralReason: "parental-leave",
            deferredAt: at("2025-01-05T12:00:00.000Z"),
          },
          scheduleIdentifier: null,
        },
      ],
      idChanges: [
        {
          id: "1f2e3d4c-5b6a-4789-8a0b-1c2d3e4f5a6b",
          participantId,
          fromParticipantId: "23dd8d66-e11f-4139-9001-86b4f9abcb02",
          toParticipantId: participantId,
          createdAt: at("2024-12-01T00:00:00.000Z"),
        },
      ],
    };
    expect(issuesOf(S.npqParticipantResponse.safeParse({ data: serializeParticipant(record) }))).toEqual([]);

    const outcome = serializeOutcome({
      id: "3a4b5c6d-7e8f-4a0b-9c1d-2e3f4a5b6c7d",
      participantId,
      applicationId: application.id,
      leadProviderId: application.leadProviderId,
      declarationId: "4b5c6d7e-8f90-4a1b-8c2d-3e4f5a6b7c8d",
      courseIdentifier: "npq-senior-leadership",
      state: "passed",
      completionDate: "2025-06-30",
      createdAt: at("2025-07-01T09:00:00.000Z"),
      updatedAt: at("2025-07-01T09:00:00.000Z"),
    });
    expect(issuesOf(S.npqOutcomesResponse.safeParse({ data: [outcome] }))).toEqual([]);
  });

  it("NPQ declaration, statement and delivery partner (lib/npq/serialize-declarations.ts, lib/dfe/delivery-partners.ts)", () => {
    const declaration = {
      id: "01017c12-354b-4b2d-b621-3531ab729c43",
      participantId,
      applicationId: application.id,
      leadProviderId: application.leadProviderId,
      leadProviderName: "Example Institute",
      courseIdentifier: "npq-senior-leadership",
      cohort: 2024,
      declarationType: "completed",
      declarationDate: at("2025-06-30T12:00:00.000Z"),
      state: "paid" as const,
      outcomeState: "passed" as const,
      ineligibleForFundingReason: null,
      statementId: "cd3a1234-7308-4879-942a-c4a70ced400a",
      clawbackStatementId: null,
      deliveryPartnerId: "524df095-f9bf-4f9d-ba4c-772545a99e60",
      deliveryPartnerName: "Foo education",
      secondaryDeliveryPartnerId: null,
      secondaryDeliveryPartnerName: null,
      createdAt: at("2025-07-01T09:00:00.123Z"),
      updatedAt: at("2025-07-02T09:00:00.000Z"),
    };
    expect(issuesOf(S.npqDeclarationResponse.safeParse({ data: serializeDeclaration(declaration) }))).toEqual([]);
    expect(
      issuesOf(
        S.npqDeclarationResponse.safeParse({
          data: serializeDeclaration({ ...declaration, declarationType: "started", state: "awaiting_clawback", outcomeState: null }),
        }),
      ),
    ).toEqual([]);

    const statement = serializeStatement({
      id: "cd3a1234-7308-4879-942a-c4a70ced400a",
      cohort: 2024,
      month: 5,
      year: 2025,
      deadlineDate: "2025-04-30",
      paymentDate: "2025-05-25",
      state: "paid",
      createdAt: at("2024-09-01T00:00:00.000Z"),
      updatedAt: at("2025-05-25T00:00:00.000Z"),
    });
    expect(issuesOf(S.npqStatementsResponse.safeParse({ data: [statement] }))).toEqual([]);

    const partner = serializeDeliveryPartner({
      id: "524df095-f9bf-4f9d-ba4c-772545a99e60",
      name: "Foo education",
      cohorts: [2025, 2024, 2025],
      createdAt: at("2024-03-25T02:21:32.000Z"),
      updatedAt: at("2025-03-25T02:22:32.000Z"),
    });
    expect(issuesOf(S.deliveryPartnerResponse.safeParse({ data: partner }))).toEqual([]);
  });

  it("ECF participant and declaration (lib/ecf/serialize.ts)", () => {
    const record = {
      participantId: "db3a7848-7308-4879-942a-c4a70ced400a",
      trainingRecordId: "bb36d74a-68a7-47b6-86b6-1fd0d141c590",
      email: "jane.smith@some-school.example.com",
      fullName: "Jane Smith",
      mentorId: "c449d7a3-97a4-49c2-9ba2-8e0514276f5b",
      schoolUrn: "106286",
      participantType: "ect" as const,
      cohort: 2024,
      status: "active" as const,
      trn: "1234567",
      trnValidated: true,
      eligibleForFunding: true,
      pupilPremiumUplift: false,
      sparsityUplift: true,
      trainingStatus: "active" as const,
      scheduleIdentifier: "ecf-standard-september",
      createdAt: at("2024-09-01T09:00:00.000Z"),
      updatedAt: at("2024-09-02T09:00:00.000Z"),
    };
    expect(issuesOf(S.ecfParticipantResponse.safeParse({ data: serializeEcfParticipant(record) }))).toEqual([]);
    const withdrawnMentor = serializeEcfParticipant({
      ...record,
      participantType: "mentor",
      status: "withdrawn",
      trainingStatus: "withdrawn",
      trn: null,
      eligibleForFunding: null,
    });
    expect(issuesOf(S.ecfParticipantsResponse.safeParse({ data: [withdrawnMentor] }))).toEqual([]);

    const declaration = serializeEcfDeclaration({
      id: "01017c12-354b-4b2d-b621-3531ab729c43",
      participantId: record.participantId,
      trainingRecordId: record.trainingRecordId,
      courseIdentifier: "ecf-induction",
      cohort: 2024,
      declarationType: "retained-1",
      declarationDate: at("2025-01-10T09:00:00.000Z"),
      state: "eligible",
      statementId: null,
      clawbackStatementId: null,
      createdAt: at("2025-01-10T09:00:00.000Z"),
      updatedAt: at("2025-01-10T09:00:00.000Z"),
    });
    expect(issuesOf(S.ecfDeclarationResponse.safeParse({ data: declaration }))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// The docs page
// ---------------------------------------------------------------------------------------------------------

describe("GET /api/docs", () => {
  const decode = (html: string) =>
    html
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");

  it("is a self-contained HTML page: no scripts, no external stylesheets, fonts or images; Arial/Helvetica", async () => {
    const response = docsPage();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("content-security-policy")).toMatch(/^default-src 'none'; style-src 'unsafe-inline'/);
    const html = await response.text();
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|@font-face/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).toContain("font-family:Arial,Helvetica,sans-serif");
  });

  it("is structured for assistive technology: language, one h1, headings in order, tables with captions and header scopes", async () => {
    const html = await docsPage().text();
    expect(html).toMatch(/<html lang="en">/);
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    const levels = [...html.matchAll(/<h([1-6])[ >]/g)].map((m) => Number(m[1]));
    levels.forEach((level, i) => i > 0 && expect(level - levels[i - 1]!, `heading ${i}`).toBeLessThanOrEqual(1));
    const tables = html.match(/<table>[\s\S]*?<\/table>/g) ?? [];
    expect(tables.length).toBeGreaterThan(50);
    for (const table of tables) {
      expect(table).toMatch(/^<table><caption>/);
      expect(table).not.toMatch(/<th>/);
    }
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [, target] of html.matchAll(/href="#([^"]+)"/g)) expect(ids, target).toContain(target);
  });

  it("lists every documented operation with its method and path, and DfE's exact messages, pagination and rate limit", async () => {
    const html = decode(await docsPage().text());
    for (const version of VERSIONS) {
      for (const [p, ops] of Object.entries(OURS[version].paths)) {
        for (const method of Object.keys(ops)) expect(html).toContain(`>${method.toUpperCase()}</span> <code>${p}</code></h4>`);
      }
    }
    for (const text of [
      "Authorization: Bearer <your token>",
      '{"error":"HTTP Token: Access denied"}',
      '{"error":"Resource not found"}',
      MESSAGES.invalid_page_parameters,
      MESSAGES.invalid_data_structure,
      MESSAGES["schedule_identifier.invalidates_declaration"],
      "The filter '#/updated_since' must be a valid ISO 8601 date",
      "1,000 requests per 5 minutes per token",
      "Retry later",
      "page[per_page]",
      "not in production",
      "X-With-Server-Date",
    ]) {
      expect(html).toContain(text);
    }
  });
});
