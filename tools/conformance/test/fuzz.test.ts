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

describe.each(providers)("$name: forward-compatible responses", (p) => {
  const { client, answer } = fuzzClient(p);
  // Fewer runs than the property below: the shapes are narrower (additive changes only).
  const EXTEND_RUNS = Math.ceil(RUNS / 5);
  it(`${EXTEND_RUNS} success bodies with unknown values and fields come back as data, unchanged`, async () => {
    let kept = 0;
    await fc.assert(
      fc.asyncProperty(extend(p.success, p.envelopeKeys), async (value) => {
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
    const body = fc.oneof({ weight: 3, arbitrary: mutate(p.success) }, { weight: 1, arbitrary: mutate(p.decline.body) }, { weight: 1, arbitrary: fc.jsonValue() });
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
