// Keeps the API key out of everything the client hands back: PaySsam echoes `apiKey` in its
// response data, and a proxy page could in theory contain it.
import { redact as redactWith, snippet as snippetWith } from "@payspec/runtime";

const KEY_FIELDS: ReadonlySet<string> = new Set(["apiKey", "apikey"]);

/** A copy of a JSON value with `apiKey` fields and any occurrence of the key replaced. */
export function redact(value: unknown, apiKey: string): unknown {
  return redactWith(value, [apiKey], KEY_FIELDS);
}

/** The first 500 characters of a body, redacted. */
export function snippet(text: string, apiKey: string): string {
  return snippetWith(text, [apiKey]);
}
