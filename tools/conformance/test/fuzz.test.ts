// Forward compatibility, fuzzed: 10,000 generated success and error bodies per provider, built
// from the provider's real shapes with unknown enum values, unknown union members and extra
// fields mixed in. The client must resolve every call (data or a typed error), never throw, and
// leave no unhandled rejection.
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { providers } from "./providers.js";

const RUNS = Number(process.env.CONFORMANCE_FUZZ_RUNS ?? 10_000);
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
process.on("unhandledRejection", onUnhandled);
afterAll(() => void process.off("unhandledRejection", onUnhandled));

/** Every string of a value replaced, some of the time, by an unknown string; extra fields added anywhere. */
function mutate(value: unknown): fc.Arbitrary<unknown> {
  if (typeof value === "string") return fc.oneof(fc.constant(value), fc.string(), fc.constantFrom("BRAND_NEW_VALUE", "Transaction.Hologram", ""));
  if (Array.isArray(value)) return fc.array(value.length ? mutate(value[0]) : fc.jsonValue(), { maxLength: 3 });
  if (value !== null && typeof value === "object") {
    const known = fc.record(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fc.oneof({ weight: 4, arbitrary: mutate(v) }, { weight: 1, arbitrary: fc.jsonValue() })])), { requiredKeys: [] });
    return fc.tuple(known, fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.jsonValue(), { maxKeys: 3 })).map(([k, extra]) => ({ ...extra, ...k }));
  }
  return fc.oneof(fc.constant(value), fc.jsonValue());
}

/** Only additive changes: unknown strings in place of known ones, extra fields anywhere; the envelope kept. */
function extend(value: unknown, keep: readonly string[] = []): fc.Arbitrary<unknown> {
  if (typeof value === "string") return fc.oneof(fc.constant(value), fc.constantFrom("BRAND_NEW_VALUE", "Transaction.Hologram"));
  if (Array.isArray(value)) return fc.tuple(...value.map((v) => extend(v)));
  if (value !== null && typeof value === "object") {
    const known = fc.record(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, keep.includes(k) ? fc.constant(v) : extend(v)])));
    return fc.tuple(known, fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !(k in value) && k !== "__proto__"), fc.jsonValue(), { maxKeys: 3 })).map(([k, extra]) => ({ ...extra, ...k }));
  }
  return fc.constant(value);
}

/** One client per provider for all runs; each run sets the response the in-memory fetch returns. */
function fuzzClient(p: (typeof providers)[number]) {
  let next: () => Response = () => new Response("{}");
  const client = p.client({ baseUrl: "http://127.0.0.1:9", fetch: async () => next() });
  return { client, answer: (respond: () => Response) => void (next = respond) };
}

/**
 * Success bodies with everything the spec requires of the read (the shape check refuses less). The
 * PortOne row of providers.ts predates the check: its payment lacks `origin`, which every case requires.
 */
const complete: Record<string, unknown> = {
  portone: { ...(providers[0]!.success as Record<string, unknown>), origin: { platformType: "PC", ipAddress: "127.0.0.1" } },
};
const successOf = (p: (typeof providers)[number]) => complete[p.name] ?? p.success;

/** Required fields of each read's success body (as dotted paths from the body) and their JSON type. */
const required: Record<string, readonly (readonly [string, "string" | "integer"])[]> = {
  portone: [["id", "string"], ["orderName", "string"], ["amount.total", "integer"], ["amount.paid", "integer"]],
  payssam: [["data.billId", "string"], ["data.apprState", "string"]],
  "portone-global": [["content.status", "string"]],
};
const isType = (type: "string" | "integer", value: unknown) => (type === "string" ? typeof value === "string" : Number.isSafeInteger(value));
/** The body's JSON with the field at `path` written as raw JSON text. */
function withRaw(body: unknown, path: string, raw: string): string {
  const copy = structuredClone(body) as Record<string, unknown>;
  const keys = path.split(".");
  let node = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys.at(-1)!] = "@@raw@@";
  return JSON.stringify(copy).replace('"@@raw@@"', () => raw); // a function: `$&` in raw stays text
}
const depthOf = (text: string) => {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{" || c === "[") max = Math.max(max, ++depth);
    else if (c === "}" || c === "]") depth--;
  }
  return max;
};

describe.each(providers)("$name: hostile success bodies", (p) => {
  const { client, answer } = fuzzClient(p);
  const HOSTILE_RUNS = Math.ceil(RUNS / 10);
  const respond = (text: string) => answer(() => new Response(text, { status: 200, headers: { "content-type": "application/json" } }));
  const payloadOf = (body: unknown) => (p.dataKey ? (body as Record<string, unknown>)[p.dataKey] : body);

  it(`${HOSTILE_RUNS} bodies nested 0–100,000 deep: data up to 64 levels, invalid-response (too-deep) beyond, never a throw`, async () => {
    const seen = { data: 0, deep: 0 };
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.integer({ min: 0, max: 80 }), fc.integer({ min: 81, max: 100_000 })), fc.constantFrom("[", "{\"a\":"), async (levels, open) => {
        const close = open === "[" ? "]" : "}";
        const nested = `${open.repeat(levels)}1${close.repeat(levels)}`;
        const text = withRaw(successOf(p), p.dataKey ? `${p.dataKey}.extra` : "extra", levels === 0 ? "1" : nested);
        respond(text);
        const result = await client.read();
        if (depthOf(text) <= 64) {
          seen.data++;
          return result.error === undefined && JSON.stringify(result.data) === JSON.stringify(payloadOf(JSON.parse(text)));
        }
        seen.deep++;
        return result.error?.kind === "invalid-response" && (result.error as { reason?: string }).reason === "too-deep";
      }),
      { numRuns: HOSTILE_RUNS },
    );
    console.log(`fuzz ${p.name}: nesting, ${seen.data} data, ${seen.deep} too-deep`);
    expect(seen.data + seen.deep).toBe(HOSTILE_RUNS);
  }, 120_000);

  it(`${HOSTILE_RUNS} bodies with duplicate keys: what comes back is what JSON.parse reads (the last), checked like any body`, async () => {
    const fields = required[p.name]!;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), fc.jsonValue(), fc.boolean(), async ([path, type], value, last) => {
        // The duplicate is written before (the real value wins) or after (the duplicate wins) the real key.
        const name = path.split(".").at(-1)!;
        const good = JSON.stringify(successOf(p));
        const marker = withRaw(successOf(p), path, '"@@dup@@"');
        const real = `"${name}":${JSON.stringify(withRawValue(good, path))}`;
        const dup = `"${name}":${JSON.stringify(value)}`;
        const text = marker.replace(`"${name}":"@@dup@@"`, () => (last ? `${real},${dup}` : `${dup},${real}`));
        respond(text);
        const result = await client.read();
        const parsed = JSON.parse(text) as unknown;
        const wins = last ? value : withRawValue(good, path);
        if (isType(type, wins)) return result.error === undefined && JSON.stringify(result.data) === JSON.stringify(payloadOf(parsed));
        return result.error?.kind === "invalid-response" && (result.error as { reason?: string }).reason === "unexpected-shape";
      }),
      { numRuns: HOSTILE_RUNS },
    );
  }, 120_000);

  it(`${HOSTILE_RUNS} bodies with a required field of the wrong type or a huge number: invalid-response (unexpected-shape) naming the field`, async () => {
    const fields = required[p.name]!;
    const huge = fc.oneof(
      fc.bigInt({ min: 2n ** 53n, max: 10n ** 30n }).map(String),
      fc.bigInt({ min: -(10n ** 30n), max: -(2n ** 53n) }).map(String),
      fc.constantFrom("1e400", "-1e400", "1e308", "9007199254740993", "0.5", "1E+2"),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), fc.oneof(fc.jsonValue().map((v) => JSON.stringify(v) ?? "null"), huge), async ([path, type], raw) => {
        const value = JSON.parse(raw) as unknown;
        if (isType(type, value)) return true; // the right type by chance: nothing to refuse
        respond(withRaw(successOf(p), path, raw));
        const result = await client.read();
        return result.error?.kind === "invalid-response" && (result.error as { reason?: string }).reason === "unexpected-shape" && result.error.message.includes(path);
      }),
      { numRuns: HOSTILE_RUNS },
    );
  }, 120_000);
});

/** The value at a dotted path of a JSON text. */
function withRawValue(text: string, path: string): unknown {
  let node = JSON.parse(text) as Record<string, unknown>;
  for (const key of path.split(".")) node = node[key] as Record<string, unknown>;
  return node;
}

describe.each(providers)("$name: forward-compatible responses", (p) => {
  const { client, answer } = fuzzClient(p);
  // Fewer runs than the property below: the shapes are narrower (additive changes only).
  const EXTEND_RUNS = Math.ceil(RUNS / 5);
  it(`${EXTEND_RUNS} success bodies with unknown values and fields come back as data, unchanged`, async () => {
    let kept = 0;
    await fc.assert(
      fc.asyncProperty(extend(successOf(p), p.envelopeKeys), async (value) => {
        const text = JSON.stringify(value);
        answer(() => new Response(text, { status: 200, headers: { "content-type": "application/json" } }));
        const result = await client.read();
        const expected = p.dataKey ? (value as Record<string, unknown>)[p.dataKey] : value;
        if (result.error || JSON.stringify(result.data) !== JSON.stringify(expected)) return false;
        kept++;
        return true;
      }),
      { numRuns: EXTEND_RUNS },
    );
    console.log(`fuzz ${p.name}: ${kept} extended success bodies kept as data`);
    expect(kept).toBe(EXTEND_RUNS);
  }, 120_000);

  it(`${RUNS} generated responses: 0 throws, 0 unhandled rejections`, async () => {
    let throws = 0;
    let data = 0;
    let errors = 0;
    const body = fc.oneof({ weight: 3, arbitrary: mutate(successOf(p)) }, { weight: 1, arbitrary: mutate(p.decline.body) }, { weight: 1, arbitrary: fc.jsonValue() });
    const status = fc.constantFrom(200, 200, 200, 400, 404, 409, 429, 500, 502, p.decline.status);
    await fc.assert(
      fc.asyncProperty(body, status, async (value, code) => {
        const text = JSON.stringify(value) ?? "";
        answer(() => new Response(text, { status: code, headers: { "content-type": "application/json" } }));
        try {
          const result = await client.read();
          if (result.error) {
            errors++;
            if (!(result.error instanceof Error)) return false;
          } else data++;
          return (result.data === undefined) !== (result.error === undefined);
        } catch {
          throws++;
          return false;
        }
      }),
      { numRuns: RUNS },
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    console.log(`fuzz ${p.name}: ${RUNS} responses, ${data} data, ${errors} errors, ${throws} throws, ${unhandled.length} unhandled rejections`);
    expect(throws).toBe(0);
    expect(unhandled).toHaveLength(0);
  }, 120_000);
});
