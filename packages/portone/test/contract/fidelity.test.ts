// Response schemas and operations against the provider reference (../shared/providers/portone-v2):
// every schema reachable from a 2xx response (properties, items, maps and union members, recursively)
// declares the reference's fields and exactly its `required` list, every union has the reference's
// members under the same discriminator values, every enum has exactly the reference's values and every
// field the reference types by an enum refers to that enum; every operation answers the reference's
// success status and media types, at the reference's method and path with its path parameter names in
// its order. Prism and the generated client read the same spec, so they cannot notice any of these
// drifting from the provider; this test does.
import { afterAll, describe, expect, it } from "vitest";
import {
  deref,
  objectShape,
  operations,
  referenceOperations,
  referenceTypes,
  refName,
  schemas,
  useReference,
  type Operation,
  type ReferenceOperation,
  type ReferenceType,
  type Schema,
} from "./spec.js";

/**
 * Comparisons skipped on purpose, each with why: "enum:Name", "media:operationId" or "path:operationId".
 * Only for a reference that is ambiguous or uncertain; a test below fails once an entry no longer
 * disagrees, so the list cannot outlive its reason. Every response enum, success media type and path of
 * the spec agrees with the reference (1.16.0).
 */
const exceptions: ReadonlyMap<string, string> = new Map<string, string>([
  [
    "enum:LegacyWebhookStatus",
    "a webhook payload type (version 2024-01-01), not a REST type: types.md does not list it and webhooks.md names its values only in prose",
  ],
]);

/** Whether the reference can be read (asked once: it warns when it cannot). */
const withReference = useReference();

/** Named schemas reachable from the 2xx responses, with one path that reaches each. */
function reachable(): Map<string, string> {
  const seen = new Map<string, string>();
  const inline: string[] = [];
  const walk = (schema: Schema | undefined, where: string): void => {
    if (!schema) return;
    if (schema.$ref) {
      const name = refName(schema.$ref);
      if (seen.has(name)) return;
      seen.set(name, where);
      walk(schemas[name], name);
      return;
    }
    if (schema.properties && where.includes(".")) inline.push(where);
    if (schema.enum && !(where in schemas)) inline.push(where);
    for (const [key, value] of Object.entries(schema.properties ?? {})) walk(value, `${where}.${key}`);
    walk(schema.items, `${where}[]`);
    if (typeof schema.additionalProperties === "object") walk(schema.additionalProperties, `${where}{}`);
    for (const key of ["oneOf", "anyOf", "allOf"] as const) schema[key]?.forEach((member, i) => walk(member, `${where}.${key}[${i}]`));
    for (const target of Object.values(schema.discriminator?.mapping ?? {})) walk({ $ref: target }, `${where}.mapping`);
  };
  for (const op of operations) {
    for (const [status, response] of Object.entries(op.responses)) {
      if (!status.startsWith("2")) continue;
      for (const media of Object.values(response.content ?? {})) walk((media as { schema?: Schema }).schema, `${op.operationId} ${status}`);
    }
  }
  // An inline object or enum has no name to look up in the reference: the spec names every one of them.
  if (inline.length > 0) throw new Error(`inline object or enum schemas in responses: ${inline.join(", ")}`);
  return seen;
}

/** Differences between a spec schema and the reference type of the same name. */
export function compare(name: string, schema: Schema, ref: ReferenceType): string[] {
  const problems: string[] = [];
  const { required, properties } = objectShape(schema);
  for (const [field, isRequired] of ref.fields) {
    if (!properties.has(field)) problems.push(`${name}.${field}: in the reference, not in the spec`);
    else if (required.has(field) !== isRequired) problems.push(`${name}.${field}: ${isRequired ? "required" : "optional"} in the reference, ${required.has(field) ? "required" : "optional"} in the spec`);
  }
  for (const field of properties) if (!ref.fields.has(field)) problems.push(`${name}.${field}: in the spec, not in the reference`);
  for (const field of required) if (!properties.has(field)) problems.push(`${name}.${field}: required but not declared`);
  if (ref.members.size > 0) {
    const members = new Map<string, string>();
    for (const member of schema.oneOf ?? []) {
      const target = deref(member);
      const key = schema.discriminator?.propertyName ?? "type";
      const value = target?.properties?.[key]?.const;
      if (member.$ref) members.set(String(value), refName(member.$ref));
    }
    const mapping = Object.fromEntries(Object.entries(schema.discriminator?.mapping ?? {}).map(([k, v]) => [k, refName(v)]));
    const want = Object.fromEntries(ref.members);
    if (JSON.stringify(Object.fromEntries([...members].sort())) !== JSON.stringify(Object.fromEntries([...ref.members].sort()))) {
      problems.push(`${name}: union members ${JSON.stringify(Object.fromEntries(members))}, reference ${JSON.stringify(want)}`);
    }
    if (JSON.stringify(Object.entries(mapping).sort()) !== JSON.stringify(Object.entries(want).sort())) problems.push(`${name}: discriminator mapping differs from the reference`);
  }
  problems.push(...enumProblems(name, schema, ref), ...enumFieldProblems(name, schema, ref));
  return problems;
}

/** An enum's values against the reference's: the same set (order carries no meaning), missing and extra named. */
export function enumProblems(name: string, schema: Schema, ref: ReferenceType): string[] {
  if (!ref.kind.startsWith("string enum")) return schema.enum ? [`${name}: an enum in the spec, ${ref.kind} in the reference`] : [];
  if (!schema.enum) return [`${name}: a string enum in the reference, not in the spec`];
  const ours = schema.enum.map(String);
  const problems: string[] = [];
  if (schema.type !== "string" || schema.enum.some((v) => typeof v !== "string")) problems.push(`${name}: not a string enum in the spec`);
  const missing = ref.values.filter((v) => !ours.includes(v));
  const extra = ours.filter((v) => !ref.values.includes(v));
  if (missing.length > 0) problems.push(`${name}: values in the reference, not in the spec: ${missing.join(", ")}`);
  if (extra.length > 0) problems.push(`${name}: values in the spec, not in the reference: ${extra.join(", ")}`);
  if (new Set(ours).size !== ours.length) problems.push(`${name}: repeated values in the spec`);
  return problems;
}

/** A property's schema, `allOf` parts included. */
function propertyOf(schema: Schema, field: string): Schema | undefined {
  if (schema.properties?.[field]) return schema.properties[field];
  for (const part of schema.allOf ?? []) {
    const found = propertyOf(deref(part) ?? {}, field);
    if (found) return found;
  }
  return undefined;
}

/** The enum a property refers to (itself or its items), if any. */
function enumOf(property: Schema | undefined): { enum: string; array: boolean } | undefined {
  for (const [target, array] of [[property, false], [property?.items, true]] as const) {
    if (target?.$ref && deref(target)?.enum) return { enum: refName(target.$ref), array };
  }
  return undefined;
}

/**
 * Fields typed by an enum: the reference's enum (or array of it) is the one the spec's property refers to,
 * and the spec types no field by an enum where the reference does not. The enum's own values are compared
 * where the enum is (it is reachable through this field).
 */
export function enumFieldProblems(name: string, schema: Schema, ref: ReferenceType): string[] {
  const problems: string[] = [];
  const describe = (e: { enum: string; array: boolean } | undefined) => (e ? `${e.array ? "an array of " : ""}the enum ${e.enum}` : "no enum");
  for (const field of objectShape(schema).properties) {
    const ours = enumOf(propertyOf(schema, field));
    const theirs = ref.enumFields.get(field);
    if (!ref.fields.has(field) || (!ours && !theirs)) continue;
    if (ours?.enum !== theirs?.enum || ours?.array !== theirs?.array) problems.push(`${name}.${field}: ${describe(theirs)} in the reference, ${describe(ours)} in the spec`);
  }
  return problems;
}

/** An operation's 2xx responses as "status media type" ("status none" for a response without a body). */
export function successResponses(op: Pick<Operation, "responses">): string[] {
  return Object.entries(op.responses)
    .filter(([status]) => status.startsWith("2"))
    .flatMap(([status, response]) => {
      const media = Object.keys(response.content ?? {});
      return media.length > 0 ? media.map((m) => `${status} ${m}`) : [`${status} none`];
    })
    .sort();
}

/** The success status and media types against the reference's (application/json, text/csv or no body). */
export function responseProblems(op: Pick<Operation, "operationId" | "responses">, ref: ReferenceOperation): string[] {
  const ours = successResponses(op);
  const theirs = (ref.successMedia.length > 0 ? ref.successMedia.map((m) => `${ref.successStatus} ${m}`) : [`${ref.successStatus} none`]).sort();
  return JSON.stringify(ours) === JSON.stringify(theirs) ? [] : [`${op.operationId}: 2xx ${ours.join(", ")}; reference ${theirs.join(", ")}`];
}

/** The `{name}`s of a path template, in order. */
export const templateNames = (path: string): string[] => [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);

/** Method, path and path parameter names (in order) against the reference's. */
export function pathProblems(op: Pick<Operation, "operationId" | "method" | "path" | "parameters">, ref: ReferenceOperation): string[] {
  const problems: string[] = [];
  const id = op.operationId;
  const list = (names: readonly string[]) => `[${names.join(", ")}]`;
  if (`${op.method} ${op.path}` !== `${ref.method} ${ref.path}`) problems.push(`${id}: ${op.method} ${op.path}; reference ${ref.method} ${ref.path}`);
  const template = templateNames(op.path);
  if (list(template) !== list(templateNames(ref.path))) problems.push(`${id}: path template names ${list(template)}; reference ${list(templateNames(ref.path))}`);
  const declared = (op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name);
  if (list(declared) !== list(ref.pathParameters)) problems.push(`${id}: path parameters ${list(declared)}; reference ${list(ref.pathParameters)}`);
  return problems;
}

describe.skipIf(!withReference)("response schemas against the provider reference", () => {
  const reference = referenceTypes();
  const names = [...reachable().keys()].sort();
  // Enums only requests (or webhooks) use: not what the audit asked for, but the same comparison costs
  // nothing and a wrong value there makes the client refuse input the provider accepts.
  const otherEnums = Object.keys(schemas)
    .filter((name) => schemas[name]?.enum && !names.includes(name))
    .sort();
  let schemasCompared = 0;
  let fieldsCompared = 0;
  let unionsCompared = 0;
  let enumsCompared = 0;
  let valuesCompared = 0;
  let enumFieldsCompared = 0;
  let otherEnumsCompared = 0;
  afterAll(() => {
    console.log(
      `response schemas compared with types.md: ${schemasCompared} schemas (${unionsCompared} unions, ${enumsCompared} enums with ${valuesCompared} values), ${fieldsCompared} fields (${enumFieldsCompared} typed by an enum) (of ${names.length} reachable schemas; ${skipped(names.map((n) => `enum:${n}`))} skipped as known exceptions); other enums: ${otherEnumsCompared} compared, ${skipped(otherEnums.map((n) => `enum:${n}`))} skipped as known exceptions`,
    );
  });

  it("the reference was read", () => {
    expect(reference.size).toBeGreaterThan(900);
    expect(reference.get("PaidPayment")?.fields.get("orderName")).toBe(true);
    expect(reference.get("CardBrand")?.values).toEqual(["LOCAL", "MASTER", "UNIONPAY", "VISA", "JCB", "AMEX", "DINERS"]);
    expect(reference.get("PaidPayment")?.enumFields.get("currency")).toEqual({ enum: "Currency", array: false });
    // Every enum's table parsed to the count its Kind line announces.
    const enums = [...reference].filter(([, t]) => t.kind.startsWith("string enum"));
    expect(enums.length).toBeGreaterThan(100);
    expect(enums.filter(([, t]) => t.values.length !== t.declaredValues).map(([n]) => n)).toEqual([]);
  });

  it.each(names)("%s: fields, required list, union members and enum values as in the reference", (name) => {
    const ref = reference.get(name);
    expect(ref, `${name} is a type of the reference`).toBeDefined();
    const problems = compare(name, schemas[name] as Schema, ref as ReferenceType);
    if (exceptions.has(`enum:${name}`)) {
      // A recorded exception skips only the enum values, never the fields or members.
      const values = enumProblems(name, schemas[name] as Schema, ref as ReferenceType);
      expect(problems.filter((p) => !values.includes(p))).toEqual([]);
      return;
    }
    expect(problems).toEqual([]);
    schemasCompared++;
    fieldsCompared += ref?.fields.size ?? 0;
    enumFieldsCompared += ref?.enumFields.size ?? 0;
    if ((ref?.members.size ?? 0) > 0) unionsCompared++;
    if (ref?.kind.startsWith("string enum")) {
      enumsCompared++;
      valuesCompared += ref.values.length;
    }
  });

  it.each(otherEnums)("%s (not in a response): enum values as in the reference", (name) => {
    const ref = reference.get(name);
    if (exceptions.has(`enum:${name}`)) return;
    expect(ref, `${name} is a type of the reference`).toBeDefined();
    expect(enumProblems(name, schemas[name] as Schema, ref as ReferenceType)).toEqual([]);
    otherEnumsCompared++;
  });

  describe("the comparison can fail", () => {
    const paid = schemas["PaidPayment"] as Schema;
    const ref = reference.get("PaidPayment") as ReferenceType;
    it("orderName made optional in PaidPayment", () => {
      const mutated = { ...paid, required: (paid.required ?? []).filter((n) => n !== "orderName") };
      expect(compare("PaidPayment", mutated, ref)).toEqual(["PaidPayment.orderName: required in the reference, optional in the spec"]);
    });
    it("an optional field made required, a field dropped", () => {
      const { customData: _dropped, ...rest } = paid.properties ?? {};
      const mutated = { ...paid, properties: rest, required: [...(paid.required ?? []), "pgTxId"] };
      expect(compare("PaidPayment", mutated, ref)).toEqual([
        "PaidPayment.customData: in the reference, not in the spec",
        "PaidPayment.pgTxId: optional in the reference, required in the spec",
      ]);
    });
    it("a union member dropped", () => {
      const payment = schemas["Payment"] as Schema;
      const mutated = { ...payment, oneOf: (payment.oneOf ?? []).filter((m) => !m.$ref?.endsWith("/PaidPayment")) };
      expect(compare("Payment", mutated, reference.get("Payment") as ReferenceType)).toHaveLength(1);
    });
    it("an enum value dropped, one added, one renamed", () => {
      const brand = schemas["CardBrand"] as Schema;
      expect(names).toContain("CardBrand");
      const values = (brand.enum ?? []).filter((v) => v !== "AMEX").map((v) => (v === "JCB" ? "JCB_CARD" : v));
      const mutated = { ...brand, enum: [...values, "DISCOVER"] };
      expect(compare("CardBrand", mutated, reference.get("CardBrand") as ReferenceType)).toEqual([
        "CardBrand: values in the reference, not in the spec: JCB, AMEX",
        "CardBrand: values in the spec, not in the reference: JCB_CARD, DISCOVER",
      ]);
    });
    it("an enum made a plain string, an object made an enum", () => {
      const brand = schemas["CardBrand"] as Schema;
      const { enum: _values, ...plain } = brand;
      expect(compare("CardBrand", plain, reference.get("CardBrand") as ReferenceType)).toEqual(["CardBrand: a string enum in the reference, not in the spec"]);
      expect(enumProblems("PaidPayment", { ...paid, enum: ["X"] }, ref)).toEqual(["PaidPayment: an enum in the spec, object in the reference"]);
    });
    it("a field typed by an enum made a plain string, or pointed at another enum", () => {
      const asString = { ...paid, properties: { ...paid.properties, currency: { type: "string" } } };
      expect(compare("PaidPayment", asString, ref)).toEqual(["PaidPayment.currency: the enum Currency in the reference, no enum in the spec"]);
      const other = { ...paid, properties: { ...paid.properties, currency: { $ref: "#/components/schemas/CardBrand" } } };
      expect(compare("PaidPayment", other, ref)).toEqual(["PaidPayment.currency: the enum Currency in the reference, the enum CardBrand in the spec"]);
      const narrowed = { ...paid, properties: { ...paid.properties, orderName: { $ref: "#/components/schemas/Currency" } } };
      expect(compare("PaidPayment", narrowed, ref)).toEqual(["PaidPayment.orderName: no enum in the reference, the enum Currency in the spec"]);
    });
  });
});

describe.skipIf(!withReference)("operations against the provider reference", () => {
  const refOps = referenceOperations();
  const ids = operations.map((op) => op.operationId);
  let responsesCompared = 0;
  let pathsCompared = 0;
  let pathParametersCompared = 0;
  afterAll(() => {
    console.log(
      `operations compared with the category files: ${responsesCompared} success responses (status, media types, schema), ${pathsCompared} methods and paths with ${pathParametersCompared} path parameters (of ${operations.length} operations; ${skipped(ids.flatMap((id) => [`media:${id}`, `path:${id}`]))} skipped as known exceptions)`,
    );
  });

  it("the reference was read", () => {
    expect(refOps.size).toBe(147);
    const csv = refOps.get("downloadB2bTaxInvoicesSheet");
    expect([csv?.successStatus, csv?.successMedia]).toEqual(["200", ["text/csv"]]);
    expect(refOps.get("deleteB2bTaxInvoiceAttachment")?.successMedia).toEqual([]);
    expect(refOps.get("getPayment")?.successMedia).toEqual(["application/json"]);
    expect(refOps.get("getPlatformAccountHolder")?.pathParameters).toEqual(["bank", "accountNumber"]);
    // Every operation has a success line, and its Parameters table agrees with its own path template:
    // otherwise "the reference's path parameters" would be ambiguous.
    const unread = [...refOps].filter(([, r]) => r.successStatus === undefined).map(([id]) => id);
    const inconsistent = [...refOps].filter(([, r]) => templateNames(r.path).join() !== r.pathParameters.join()).map(([id]) => id);
    expect({ unread, inconsistent }).toEqual({ unread: [], inconsistent: [] });
  });

  it.each(operations.map((op) => [op.operationId, op] as const))("%s: the 2xx status, media types and schema are the reference's", (id, op) => {
    const ref = refOps.get(id);
    expect(ref, `${id} is an operation of the reference`).toBeDefined();
    if (!exceptions.has(`media:${id}`)) {
      expect(responseProblems(op, ref as ReferenceOperation)).toEqual([]);
      responsesCompared++;
    }
    const [, response] = Object.entries(op.responses).find(([s]) => s.startsWith("2")) ?? [];
    const media = Object.values(response?.content ?? {})[0] as { schema?: Schema } | undefined;
    const ours = media?.schema?.$ref ? refName(media.schema.$ref) : undefined;
    // text/csv and empty responses have no named schema in either.
    expect(ours).toBe(ref?.successSchema);
  });

  it.each(operations.map((op) => [op.operationId, op] as const))("%s: method, path and path parameter names as in the reference", (id, op) => {
    const ref = refOps.get(id);
    expect(ref, `${id} is an operation of the reference`).toBeDefined();
    if (exceptions.has(`path:${id}`)) return;
    expect(pathProblems(op, ref as ReferenceOperation)).toEqual([]);
    pathsCompared++;
    pathParametersCompared += ref?.pathParameters.length ?? 0;
  });

  it("every recorded exception still disagrees with the reference", () => {
    const reference = referenceTypes();
    const byId = new Map(operations.map((op) => [op.operationId, op]));
    const stale = [...exceptions.keys()].filter((key) => {
      const [kind, name = ""] = key.split(":");
      const op = byId.get(name);
      const refOp = refOps.get(name);
      const refType = reference.get(name);
      // An enum the reference does not list at all still disagrees.
      if (kind === "enum") return !schemas[name]?.enum || (refType !== undefined && enumProblems(name, schemas[name], refType).length === 0);
      if (kind === "media") return !op || !refOp || responseProblems(op, refOp).length === 0;
      if (kind === "path") return !op || !refOp || pathProblems(op, refOp).length === 0;
      return true;
    });
    expect(stale).toEqual([]);
    expect([...exceptions.values()].filter((why) => why.trim().length < 20)).toEqual([]);
  });

  describe("the comparison can fail", () => {
    const byId = (id: string) => operations.find((op) => op.operationId === id) as Operation;
    const getPayment = byId("getPayment");
    const ref = refOps.get("getPayment") as ReferenceOperation;
    type Content = NonNullable<Operation["responses"][string]["content"]>;
    // The operation with its 200 answering these media types (none: no body).
    const withContent = (op: Operation, content?: Content): Operation => ({ ...op, responses: { ...op.responses, "200": content ? { content } : {} } });
    const media = (op: Operation, type: string) => op.responses["200"]?.content?.[type] ?? {};

    it("application/json answered as text/csv, or with no body", () => {
      const json = media(getPayment, "application/json");
      expect(json.examples).toBeDefined();
      expect(responseProblems(withContent(getPayment, { "text/csv": json }), ref)).toEqual(["getPayment: 2xx 200 text/csv; reference 200 application/json"]);
      expect(responseProblems(withContent(getPayment, undefined), ref)).toEqual(["getPayment: 2xx 200 none; reference 200 application/json"]);
      expect(responseProblems(withContent(getPayment, { "application/json": json, "text/plain": json }), ref)).toHaveLength(1);
    });
    it("text/csv answered as JSON, a body added where the reference has none, 200 made 201", () => {
      const csv = byId("downloadB2bTaxInvoicesSheet");
      const sheet = media(csv, "text/csv");
      expect(sheet.examples).toBeDefined();
      expect(responseProblems(withContent(csv, { "application/json": sheet }), refOps.get(csv.operationId) as ReferenceOperation)).toEqual([
        "downloadB2bTaxInvoicesSheet: 2xx 200 application/json; reference 200 text/csv",
      ]);
      const empty = byId("deleteB2bTaxInvoiceAttachment");
      expect(responseProblems(withContent(empty, { "application/json": sheet }), refOps.get(empty.operationId) as ReferenceOperation)).toEqual([
        "deleteB2bTaxInvoiceAttachment: 2xx 200 application/json; reference 200 none",
      ]);
      const { "200": ok, ...rest } = getPayment.responses;
      expect(responseProblems({ ...getPayment, responses: { ...rest, "201": ok as NonNullable<typeof ok> } }, ref)).toEqual([
        "getPayment: 2xx 201 application/json; reference 200 application/json",
      ]);
    });
    it("a path parameter renamed (template and parameter), or only its parameter", () => {
      const rename = (p: NonNullable<Operation["parameters"]>[number]) => (p.in === "path" ? { ...p, name: "id" } : p);
      const renamed = { ...getPayment, path: "/payments/{id}", parameters: (getPayment.parameters ?? []).map(rename) };
      expect(pathProblems(renamed, ref)).toEqual([
        "getPayment: GET /payments/{id}; reference GET /payments/{paymentId}",
        "getPayment: path template names [id]; reference [paymentId]",
        "getPayment: path parameters [id]; reference [paymentId]",
      ]);
      const onlyParameter = { ...getPayment, parameters: (getPayment.parameters ?? []).map(rename) };
      expect(pathProblems(onlyParameter, ref)).toEqual(["getPayment: path parameters [id]; reference [paymentId]"]);
    });
    it("two path parameters swapped, a method changed", () => {
      const holder = byId("getPlatformAccountHolder");
      const holderRef = refOps.get(holder.operationId) as ReferenceOperation;
      expect(holder.path).toBe("/platform/bank-accounts/{bank}/{accountNumber}/holder");
      const swapped = { ...holder, path: "/platform/bank-accounts/{accountNumber}/{bank}/holder", parameters: [...(holder.parameters ?? [])].reverse() };
      expect(pathProblems(swapped, holderRef)).toEqual([
        "getPlatformAccountHolder: GET /platform/bank-accounts/{accountNumber}/{bank}/holder; reference GET /platform/bank-accounts/{bank}/{accountNumber}/holder",
        "getPlatformAccountHolder: path template names [accountNumber, bank]; reference [bank, accountNumber]",
        "getPlatformAccountHolder: path parameters [accountNumber, bank]; reference [bank, accountNumber]",
      ]);
      expect(pathProblems({ ...getPayment, method: "POST" }, ref)).toEqual(["getPayment: POST /payments/{paymentId}; reference GET /payments/{paymentId}"]);
    });
  });
});

/** How many of the given exception keys are recorded. */
function skipped(keys: readonly string[]): number {
  return keys.filter((k) => exceptions.has(k)).length;
}
