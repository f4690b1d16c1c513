// Keeps the PortOne Secret (and the JWT signed with it) out of everything the client hands back.
import { redact as redactWith } from "@payspec/runtime";

const SECRET_FIELDS: ReadonlySet<string> = new Set(["portone_secret", "secretKey", "secret_key"]);

/** A copy of a JSON value with secret fields and any occurrence of the given secrets replaced. */
export function redact(value: unknown, secrets: readonly string[]): unknown {
  return redactWith(value, secrets, SECRET_FIELDS);
}

export { snippet } from "@payspec/runtime";
