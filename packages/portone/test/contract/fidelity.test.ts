// Response schemas against the provider reference (../shared/providers/portone-v2/types.md): every
// schema reachable from a 2xx response (properties, items, maps and union members, recursively)
// declares the reference's fields and exactly its `required` list, and every union has the
// reference's members under the same discriminator values. Prism cannot notice a field made
// optional; this test does.
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
  type ReferenceType,
  type Schema,
} from "./spec.js";

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
  // An inline object has no name to look up in the reference: the spec names every one of them.
  if (inline.length > 0) throw new Error(`inline object schemas in responses: ${inline.join(", ")}`);
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
  return problems;
}

describe.skipIf(!useReference())("response schemas against the provider reference", () => {
  const reference = referenceTypes();
  const names = [...reachable().keys()].sort();
  let schemasCompared = 0;
  let fieldsCompared = 0;
  let unionsCompared = 0;
  afterAll(() => {
    console.log(
      `response schemas compared with types.md: ${schemasCompared} schemas (${unionsCompared} unions), ${fieldsCompared} fields (of ${names.length} reachable schemas)`,
    );
  });

  it("the reference was read", () => {
    expect(reference.size).toBeGreaterThan(900);
    expect(reference.get("PaidPayment")?.fields.get("orderName")).toBe(true);
  });

  it.each(names)("%s: fields, required list and union members as in the reference", (name) => {
    const ref = reference.get(name);
    expect(ref, `${name} is a type of the reference`).toBeDefined();
    const problems = compare(name, schemas[name] as Schema, ref as ReferenceType);
    expect(problems).toEqual([]);
    schemasCompared++;
    fieldsCompared += ref?.fields.size ?? 0;
    if ((ref?.members.size ?? 0) > 0) unionsCompared++;
  });

  const refOps = referenceOperations();
  it.each(operations.map((op) => [op.operationId, op] as const))("%s: the 2xx response is the reference's schema", (id, op) => {
    const [status, response] = Object.entries(op.responses).find(([s]) => s.startsWith("2")) ?? [];
    expect(status).toBe("200");
    const media = Object.values(response?.content ?? {})[0] as { schema?: Schema } | undefined;
    const ref = refOps.get(id);
    const ours = media?.schema?.$ref ? refName(media.schema.$ref) : undefined;
    // text/csv and empty responses have no named schema in either.
    expect(ours).toBe(ref?.successSchema);
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
  });
});
