// Issue 16, item 1: each operation is a standalone function of its category's entry point, running the
// client's one implementation on a small core, and an entry point reaches no other operation.
import { readdirSync } from "node:fs";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { fakeFetch, json } from "@payspec/mock/fake-fetch";
import { reachedModules } from "@payspec/mock/module-graph";
import * as everything from "../../src/index.js";
import { createPortOneGlobalClient, createPortOneGlobalCore, createPortOneGlobalFetchClient, PaySpecValidationError, type PortOneGlobalCore } from "../../src/index.js";
import { getTransactionDetails, getTransactionStatus, initiatePayment } from "../../src/generated/entries/payment.js";
import { createRefund } from "../../src/generated/entries/refund.js";
import { operations } from "../../src/generated/operations.js";
import pkg from "../../package.json" with { type: "json" };

const credentials = { clientKey: "PORTONE_KEY", secretKey: "PORTONE_SECRET" };
const payment = {
  merchant_order_id: "ORDER-1001",
  amount: 100.25,
  currency: "USD",
  success_url: "https://checkout.portone.cloud/success.html",
  failure_url: "https://checkout.portone.cloud/failure.html",
  environment: "sandbox" as const,
  pmt_channel: "PORTONE_KR",
  pmt_method: "PORTONE_KG_INICIS_CREDIT_CARD",
};
/** The worked example's signature_hash of `payment` (the client test's). */
const SIGNATURE = "z08C7AhcFev4blBb6ULIJ0G9dRSmsqt23/eSc/1zxcA=";
const src = new URL("../../src/", import.meta.url);
const entries = readdirSync(new URL("generated/entries/", src)).map((file) => file.replace(/\.ts$/, ""));

describe("standalone functions", () => {
  it("send the same request as the client's method (key and signature_hash filled) and read the answer the same way", async () => {
    const { fetch, requests, sent } = fakeFetch(() => json({ is_success: true, order_ref: "R" }));
    const options = { ...credentials, fetch, baseUrl: "https://mock.test/" };
    const viaFunction = await initiatePayment(createPortOneGlobalCore(options), payment);
    const viaMethod = await createPortOneGlobalClient(options).initiatePayment(payment);
    expect(viaFunction.data?.order_ref).toBe("R");
    expect(viaMethod.data).toEqual(viaFunction.data);
    const [a, b] = requests;
    expect(a?.url).toBe("https://mock.test/api/initiatePayment");
    expect([...a!.headers]).toEqual([...b!.headers]);
    expect(sent[0]?.body).toEqual({ ...payment, portone_key: "PORTONE_KEY", signature_hash: SIGNATURE });
    expect(sent[1]?.body).toEqual(sent[0]?.body);
  });

  it("take the whole client too, sharing its transport and its JWT", async () => {
    const events: string[] = [];
    const { fetch, requests } = fakeFetch(() => json({ content: { status: "Success" }, status_code: "2000", status_reason: "SUCCESS" }));
    const client = createPortOneGlobalClient({ ...credentials, fetch, onEvent: (event) => events.push(event.type) });
    const viaFunction = await getTransactionStatus(client, { merchantOrderRef: "A" });
    await client.getTransactionStatus({ merchantOrderRef: "A" });
    expect(viaFunction.data?.status).toBe("Success");
    expect(requests[0]?.headers.get("x-portone-client-key")).toBe("PORTONE_KEY");
    // One JWT for both: signed once by the client's token source.
    expect(requests[0]?.headers.get("authorization")).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    expect(requests[1]?.headers.get("authorization")).toBe(requests[0]?.headers.get("authorization"));
    expect(events).toContain("request");
  });

  it("validate before sending, refuse the filled fields, check the status envelope and redact, like the method", async () => {
    const { fetch, sent } = fakeFetch(() =>
      json({ status_code: "4042", status_reason: "ORDER_NOT_FOUND", message: "no order; secret PORTONE_SECRET", portone_secret: "PORTONE_SECRET" }, 404),
    );
    const core = createPortOneGlobalCore({ ...credentials, fetch });
    const bad = await createRefund(core, { portone_order_ref: "R", refund_type: "half", environment: "live" } as never);
    expect(bad.error).toBeInstanceOf(PaySpecValidationError);
    const reserved = await getTransactionDetails(core, { order_ref: "R", key: "OTHER" } as never);
    expect(reserved.error?.kind === "validation" && reserved.error.field).toBe("key");
    expect(sent).toHaveLength(0);
    const missing = await getTransactionDetails(core, { order_ref: "R" });
    expect(missing.error?.kind === "api" && missing.error.code).toBe("4042");
    expect(JSON.stringify({ ...missing.error, message: missing.error?.message })).not.toContain("PORTONE_SECRET");
    // A success code with is_success false: the outcome is unknown, never data.
    const { fetch: contradicting } = fakeFetch(() => json({ content: { order_ref: "R" }, status_code: "2000", is_success: false }));
    const contradictory = await getTransactionDetails(createPortOneGlobalCore({ ...credentials, fetch: contradicting }), { order_ref: "R" });
    expect(contradictory.error).toMatchObject({ kind: "invalid-response", reason: "contradictory" });
  });

  it("never throw for something that is not a core: a validation error, nothing sent", async () => {
    const { fetch, sent } = fakeFetch(() => json({}));
    const throwing = new Proxy({}, { get: () => { throw new Error("trap"); } });
    for (const client of [{ baseUrl: "https://x", clientKey: "k", toJSON: () => ({}) }, credentials, null, undefined, "global", throwing]) {
      const result = await getTransactionStatus(client as unknown as PortOneGlobalCore, { merchantOrderRef: "A" });
      expect(result.error).toBeInstanceOf(PaySpecValidationError);
      expect(result.error?.kind === "validation" && result.error.field).toBe("client");
    }
    expect(sent).toHaveLength(0);
    void fetch;
  });
});

describe("createPortOneGlobalCore", () => {
  it("checks its options like createPortOneGlobalClient, naming itself", () => {
    expect(() => createPortOneGlobalCore({ ...credentials, secretKey: "" })).toThrow(PaySpecValidationError);
    expect(() => createPortOneGlobalCore({ ...credentials, timeoutMS: 5 } as never)).toThrow(/createPortOneGlobalCore/);
    expect(() => createPortOneGlobalCore({ ...credentials, tokenTtlSeconds: 0 })).toThrow(/tokenTtlSeconds/);
  });

  it("keeps the secret out of JSON, inspect and its own keys", () => {
    const core = createPortOneGlobalCore(credentials);
    expect(JSON.stringify(core)).toBe('{"baseUrl":"https://api.portone.cloud","clientKey":"PORTONE_KEY"}');
    expect(inspect(core, { showHidden: true, depth: 5 })).not.toContain("PORTONE_SECRET");
    expect(Object.keys(core)).toEqual(["baseUrl", "clientKey", "toJSON"]);
  });

  it("an openapi-fetch client made from a core shares its transport and fills its credentials", async () => {
    const events: string[] = [];
    const { fetch, sent } = fakeFetch(() => json({ is_success: true, order_ref: "R" }));
    const core = createPortOneGlobalCore({ ...credentials, fetch, onEvent: (event) => events.push(event.type) });
    await createPortOneGlobalFetchClient(core).POST("/api/initiatePayment", { body: payment });
    expect(sent[0]?.body).toEqual({ ...payment, portone_key: "PORTONE_KEY", signature_hash: SIGNATURE });
    expect(events).toContain("request");
  });
});

describe("entry points", () => {
  it("every operation is a function of exactly one entry point, exported from the package root too", async () => {
    const owner = new Map<string, string>();
    for (const entry of entries) {
      const module = (await import(new URL(`generated/entries/${entry}.ts`, src).href)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(module)) {
        if (typeof value !== "function" || name === "createPortOneGlobalCore") continue;
        expect(owner.has(name), `${name} in ${entry} and ${owner.get(name)}`).toBe(false);
        owner.set(name, entry);
        expect((everything as Record<string, unknown>)[name]).toBe(value);
      }
    }
    expect([...owner.keys()].sort()).toEqual(Object.keys(operations).sort());
    expect(entries.sort()).toEqual(["auth", "payment", "payment-link", "refund"]);
  });

  it("an entry point imports no other entry's rows, no operation table and no client (a bundler keeps only what is used)", () => {
    for (const entry of entries) {
      // What the entry point reaches by static imports within the package: what a bundler keeps.
      const modules = reachedModules(new URL(`generated/entries/${entry}.ts`, src), src);
      expect([...modules].filter((m) => m.startsWith("generated/rows/")), entry).toEqual([`generated/rows/${entry}.ts`]);
      for (const forbidden of ["generated/operations.ts", "generated/inbound.ts", "client.ts", "fetch-client.ts", "index.ts", "webhooks.ts"]) {
        expect(modules.has(forbidden), `${entry} reaches ${forbidden}`).toBe(false);
      }
    }
  });

  it("package.json exports every entry point, types first, and declares no side effects", () => {
    const exports = pkg.exports as Record<string, unknown>;
    for (const entry of entries) {
      expect(exports[`./${entry}`]).toEqual({ types: `./dist/generated/entries/${entry}.d.ts`, default: `./dist/generated/entries/${entry}.js` });
      expect(Object.keys(exports[`./${entry}`] as object)[0]).toBe("types");
    }
    expect(exports["."]).toBeDefined();
    expect(exports["./webhooks"]).toBeDefined();
    expect(pkg.sideEffects).toBe(false);
  });
});
