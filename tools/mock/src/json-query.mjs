// Prism does not validate a query parameter declared with `content` (PortOne's `requestBody`
// JSON on GET/DELETE operations): invalid JSON there still gets a 200. Contract tests check it
// here instead, against the same schema in the same bundled spec, with Ajv (JSON Schema 2020-12).
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

/** Returns `check(operation, searchParams)`: the list of problems with the operation's JSON query parameters. */
export function jsonQueryValidator(doc) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  // OpenAPI's own keywords inside schemas.
  for (const keyword of ["discriminator", "example", "xml", "externalDocs"]) ajv.addKeyword(keyword);
  ajv.addSchema({ $id: "spec", components: doc.components ?? {} });
  const compiled = new Map();

  return function check(operation, searchParams) {
    const problems = [];
    for (const parameter of operation.parameters ?? []) {
      const schema = parameter.in === "query" ? parameter.content?.["application/json"]?.schema : undefined;
      if (!schema) continue;
      const raw = searchParams.get(parameter.name);
      if (raw === null) {
        if (parameter.required) problems.push(`${parameter.name}: required JSON query parameter is missing`);
        continue;
      }
      let value;
      try {
        value = JSON.parse(raw);
      } catch {
        problems.push(`${parameter.name}: not JSON`);
        continue;
      }
      const key = `${operation.operationId}:${parameter.name}`;
      let validate = compiled.get(key);
      if (!validate) {
        validate = ajv.compile(schema.$ref ? { $ref: `spec${schema.$ref}` } : schema);
        compiled.set(key, validate);
      }
      if (!validate(value)) {
        for (const e of validate.errors ?? []) problems.push(`${parameter.name}${e.instancePath} ${e.message}`);
      }
    }
    return problems;
  };
}
