// What the three spec judges (spec.ts, payssam-spec.ts, global-spec.ts) share: one Ajv (JSON Schema 2020-12, formats
// checked, OpenAPI's own keywords allowed) holding a spec's components and the inline schemas a judge collected, and
// the problems of a value against one of those, compiled once each.
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

export interface Schemas {
  /** The first five problems of `value` against the inline schema `name` (empty when it matches). */
  problems(name: string, value: unknown): string[];
}

/** Inline schemas refer to "#/components/…": they are compiled inside one document that holds the components. */
export function judgeSchemas(components: unknown, inline: Record<string, unknown>): Schemas {
  const Ajv = Ajv2020 as unknown as typeof Ajv2020.default;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  (addFormats as unknown as typeof addFormats.default)(ajv);
  // `password` (PortOne Global) is a hint for forms, not a check.
  for (const format of ["int32", "int64", "password"]) ajv.addFormat(format, true);
  for (const keyword of ["discriminator", "example", "xml", "externalDocs"]) ajv.addKeyword(keyword);
  ajv.addSchema({ $id: "spec", components, inline });
  const compiled = new Map<string, ValidateFunction>();
  return {
    problems(name, value) {
      let validate = compiled.get(name);
      if (!validate) compiled.set(name, (validate = ajv.compile({ $ref: `spec#/inline/${name}` })));
      return validate(value) ? [] : (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
    },
  };
}
