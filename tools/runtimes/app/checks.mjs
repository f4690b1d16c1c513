// The runtime matrix's one set of checks, worker side: what runs inside each runtime. It is copied beside the
// packed packages installed as a user would (with `config.mjs` and `entries.mjs`, written there by the runner)
// and loaded as is by Node, Bun and Deno, or bundled by esbuild for workerd and edge-runtime. `handle` answers
// requests as a Worker does; `driver.mjs` sends them, several at once for the overlap scenarios.
//
//   /checks?tag=T    every check below, one after the other; answers [{ name, ok, detail }]
//   /call?id=I[&signal=1]   one getPayment on the module-scope client with a 1 s timeout (one request of an
//                    overlap scenario); answers { kind, elapsed, message?, threw? }
//   /last?tag=T      the last calls of a run (default timeout); the process must end soon after them
import { createPaySsamClient, computeHash } from "@payspec/payssam";
import { createPortOneClient } from "@payspec/portone";
import { verifyWebhook } from "@payspec/portone/webhooks";
import { createPortOneGlobalClient, signPaymentRequest } from "@payspec/portone-global";
import { verifyPaymentRedirect, verifyPaymentWebhook } from "@payspec/portone-global/webhooks";
import { BASE } from "./config.mjs";
import { entryPoints } from "./entries.mjs";
import { LATE_MS, OVERLAP_TIMEOUT_MS, TIMEOUT_MS } from "./limits.mjs";

// Clients created at module scope, as a Worker creates them, shared by every request the isolate serves.
const portone = createPortOneClient({ secret: "portone-secret-3b9f0c2d7e", baseUrl: `${BASE}/portone` });
const portoneShort = createPortOneClient({ secret: "portone-secret-3b9f0c2d7e", baseUrl: `${BASE}/portone`, timeoutMs: OVERLAP_TIMEOUT_MS });
const payssam = createPaySsamClient({ apiKey: "unit-test-api-key-0001", member: "MEMBER-1", merchant: "MERCHANT-1", baseUrl: `${BASE}/payssam` });
const GLOBAL_SECRET = "PORTONE_SECRET";
const global = createPortOneGlobalClient({ clientKey: "PORTONE_KEY", secretKey: GLOBAL_SECRET, baseUrl: `${BASE}/global` });

/** A failed expectation; anything else thrown by a check is reported as thrown. */
class Failed extends Error {}
function expect(condition, message) {
  if (!condition) throw new Failed(message);
}

/** Awaits a client call: calls never throw, so a throw is a failure of its own. */
async function call(run) {
  try {
    return await run();
  } catch (error) {
    throw new Failed(`the call threw (calls never throw): ${describeError(error)}`);
  }
}

const describeError = (error) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 300);
const describeResult = (result) => (result.error ? `error ${result.error.kind} (${result.error.message.slice(0, 200)})` : "data");

/** Whether the server saw the stalled request's connection closed by the client (the abort reached the socket). */
async function expectClosed(id) {
  const until = Date.now() + LATE_MS;
  for (;;) {
    const state = await (await fetch(`${BASE}/control/stall/${encodeURIComponent(id)}`)).json();
    expect(state.seen, `the server never received ${id}`);
    if (state.closed) return;
    expect(Date.now() < until, `the connection of the timed-out request stayed open (${state.openMs} ms after it was sent)`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function expectTimeout(id, options) {
  const started = Date.now();
  const result = await call(() => portone.getPayment({ paymentId: id }, { timeoutMs: TIMEOUT_MS, ...options }));
  const elapsed = Date.now() - started;
  expect(result.error?.kind === "timeout", `ended as ${describeResult(result)} after ${elapsed} ms, not as a timeout`);
  expect(result.error.timeoutMs === TIMEOUT_MS, `timeoutMs is ${result.error.timeoutMs}, not ${TIMEOUT_MS}`);
  expect(elapsed >= TIMEOUT_MS - 5 && elapsed <= TIMEOUT_MS + LATE_MS, `timed out after ${elapsed} ms on a ${TIMEOUT_MS} ms timeout`);
  await expectClosed(id);
  return `timeout after ${elapsed} ms, connection closed`;
}

// PaySsam's worked example (REFERENCE.md §7) with the digests its unit tests pin.
const bill = { billId: "1024", sendType: "TALK", productName: "수강료", price: "45000", memberName: "홍길동", phone: "01012345678", callbackUrl: "https://partner.example.kr/cb" };
// PortOne Global's worked example (REFERENCE.md §4.5) and the spec's signed webhook and redirect examples.
const globalPayment = {
  merchant_order_id: "ORDER-1001",
  amount: 100.25,
  currency: "USD",
  success_url: "https://checkout.portone.cloud/success.html",
  failure_url: "https://checkout.portone.cloud/failure.html",
  environment: "sandbox",
  pmt_channel: "PORTONE_KR",
  pmt_method: "PORTONE_KG_INICIS_CREDIT_CARD",
};
const globalWebhook = {
  order_ref: "2xJ7kQ9mVbN3pL5rT8wZ1cY4dF6", channel_order_ref: "INIpayTest20250601001", merchant_order_ref: "ORDER-1002", status: "Success",
  status_code: "2000", status_reason: "SUCCESS", status_channel_reason: "SUCCESS | Transaction is success", user_message: "Payment successful",
  amount: 15000, currency: "KRW", country_code: "KR", channel_key: "PORTONE_KR", method_key: "PORTONE_KAKAOPAY", method_name: "KakaoPay",
  environment: "sandbox", is_refund_allowed: true, is_multi_refund_allowed: true, created_at: "2025-06-01T03:12:45Z",
  signature_hash: "/Tut5onnBFJtF3RKEUuc6so8LMUnJNn8DNhpU3MpWuU=",
};
const globalRedirect = {
  order_ref: "2xJ5hP3kTzM8wQ1rV6nB9cX4yL2", channel_order_ref: "INIpayTest20250601000", merchant_order_ref: "ORDER-1001", status: "Success",
  status_code: "2000", status_reason: "SUCCESS", amount: "100.25", currency: "USD", signature_hash: "E8cOl2ba0OY/A9vkTmtvvSl3Pgk9rTpsDuzyRRcXGmQ=",
};
// The Standard Webhooks reference vector (PortOne V2 webhooks follow Standard Webhooks).
const standardWebhook = {
  body: '{"test": 2432232314}',
  headers: { "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek", "webhook-timestamp": "1614265330", "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=" },
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  options: { now: () => 1614265330_000 },
};

/** Each check returns what it saw when it passes and throws `Failed` (or anything) when it does not. */
const checks = {
  async "import every entry point"() {
    const problems = [];
    for (const [specifier, load] of entryPoints) {
      try {
        const exported = Object.keys(await load());
        if (exported.length === 0) problems.push(`${specifier} exports nothing`);
      } catch (error) {
        problems.push(`${specifier}: ${describeError(error)}`);
      }
    }
    expect(problems.length === 0, problems.join("; "));
    return `${entryPoints.length} entry points`;
  },
  async "portone: success"() {
    const result = await call(() => portone.getPayment({ paymentId: "ok-portone" }));
    expect(result.data?.id === "ok-portone" && !result.error, `getPayment gave ${describeResult(result)}`);
  },
  async "portone: API error"() {
    const { error } = await call(() => portone.getPayment({ paymentId: "missing-portone" }));
    expect(error?.kind === "api" && error.code === "PAYMENT_NOT_FOUND" && error.httpStatus === 404 && error instanceof Error, `getPayment gave ${error ? describeResult({ error }) : "data"}`);
  },
  async "payssam: success"() {
    const result = await call(() => payssam.readBill({ billId: "ok-payssam" }));
    expect(result.data?.billId === "ok-payssam" && !result.error, `readBill gave ${describeResult(result)}`);
  },
  async "payssam: API error"() {
    const { error } = await call(() => payssam.readBill({ billId: "missing-payssam" }));
    expect(error?.kind === "api" && error.code === "BILL_003", `readBill gave ${error ? describeResult({ error }) : "data"}`);
  },
  async "global: success"() {
    const result = await call(() => global.getTransactionStatus({ merchantOrderRef: "ok-global" }));
    expect(result.data?.status === "Success" && !result.error, `getTransactionStatus gave ${describeResult(result)}`);
  },
  async "global: API error"() {
    const { error } = await call(() => global.getTransactionStatus({ merchantOrderRef: "missing-global" }));
    expect(error?.kind === "api" && error.code === "4042" && error.httpStatus === 404, `getTransactionStatus gave ${error ? describeResult({ error }) : "data"}`);
  },
  async "timeout at its deadline"(tag) {
    return expectTimeout(`stall-${tag}-timeout`, {});
  },
  async "timeout at its deadline with a caller signal"(tag) {
    return expectTimeout(`stall-${tag}-timeout-signal`, { signal: new AbortController().signal });
  },
  async "payssam: request hash"() {
    expect((await computeHash("three-part", bill)) === "c381cdd2f56bc990da035d998b0bee8df1f12f9d59966483db8306cead9d96e9", "three-part hash differs from the pinned vector");
    expect((await computeHash("two-part", bill)) === "c33145c60c4dff199c5320f45db1fee5af0eb245d2645b70334ead1549ea90d0", "two-part hash differs from the pinned vector");
    // The server answers success only when the hash the client sent is the pinned vector.
    const result = await call(() => payssam.sendBill(bill));
    expect(result.data?.shortUrl && !result.error, `sendBill gave ${describeResult(result)}`);
  },
  async "global: signature_hash (HMAC)"() {
    expect((await signPaymentRequest(GLOBAL_SECRET, { ...globalPayment, portone_key: "PORTONE_KEY" })) === "z08C7AhcFev4blBb6ULIJ0G9dRSmsqt23/eSc/1zxcA=", "signature differs from the pinned vector");
    // The server answers success only when the signature_hash the client sent is the pinned vector.
    const result = await call(() => global.initiatePayment(globalPayment));
    expect(result.data?.order_ref === "R-1" && !result.error, `initiatePayment gave ${describeResult(result)}`);
  },
  async "global: webhook verification"() {
    const good = await verifyPaymentWebhook(GLOBAL_SECRET, JSON.stringify(globalWebhook));
    expect(good.data?.merchant_order_ref === "ORDER-1002", `the signed example was refused: ${good.error?.message}`);
    const altered = await verifyPaymentWebhook(GLOBAL_SECRET, { ...globalWebhook, amount: 15001 });
    expect(altered.error?.reason === "mismatch", `an altered amount gave ${altered.error?.reason ?? "data"}`);
    const wrongSecret = await verifyPaymentWebhook("OTHER_SECRET", globalWebhook);
    expect(wrongSecret.error?.reason === "mismatch", `another secret gave ${wrongSecret.error?.reason ?? "data"}`);
  },
  async "global: redirect verification"() {
    const query = new URLSearchParams(globalRedirect).toString();
    const good = await verifyPaymentRedirect(GLOBAL_SECRET, `https://merchant.example/success?${query}`);
    expect(good.data?.order_ref === globalRedirect.order_ref, `the signed example was refused: ${good.error?.message}`);
    const altered = await verifyPaymentRedirect(GLOBAL_SECRET, { ...globalRedirect, status: "Failed" });
    expect(altered.error?.reason === "mismatch", `a status changed to Failed gave ${altered.error?.reason ?? "data"}`);
  },
  async "portone: webhook verification, good signature"() {
    const { body, headers, secret, options } = standardWebhook;
    const result = await verifyWebhook(body, headers, secret, options);
    expect(result.data?.webhookId === headers["webhook-id"] && result.data.payload?.test === 2432232314, `the reference vector was refused: ${result.error?.reason}`);
  },
  async "portone: webhook verification, bad signature"() {
    const { body, headers, secret, options } = standardWebhook;
    const forged = await verifyWebhook(body, { ...headers, "webhook-signature": "v1,h0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=" }, secret, options);
    expect(forged.error?.reason === "no-matching-signature", `an altered signature gave ${forged.error?.reason ?? "data"}`);
    const altered = await verifyWebhook('{"test": 2432232315}', headers, secret, options);
    expect(altered.error?.reason === "no-matching-signature", `an altered body gave ${altered.error?.reason ?? "data"}`);
  },
};

export const CHECK_NAMES = Object.keys(checks);

async function runChecks(tag) {
  const results = [];
  for (const [name, check] of Object.entries(checks)) {
    try {
      results.push({ name, ok: true, detail: (await check(tag)) ?? "" });
    } catch (error) {
      results.push({ name, ok: false, detail: error instanceof Failed ? error.message : `threw ${describeError(error)}` });
    }
  }
  return results;
}

/** One request of an overlap scenario: a call on the client every request shares. */
async function overlapCall(id, withSignal) {
  const started = Date.now();
  try {
    const result = await portoneShort.getPayment({ paymentId: id }, withSignal ? { signal: new AbortController().signal } : undefined);
    return { kind: result.error?.kind ?? "data", elapsed: Date.now() - started, message: result.error?.message };
  } catch (error) {
    return { kind: "threw", elapsed: Date.now() - started, threw: describeError(error) };
  }
}

/** The last calls of a run, with the default timeout (30 s): nothing they leave behind may keep the process alive. */
async function lastCalls(tag) {
  const results = await Promise.all([
    call(() => portone.getPayment({ paymentId: `ok-${tag}-last` })),
    call(() => portone.getPayment({ paymentId: `ok-${tag}-last-signal` }, { signal: new AbortController().signal })),
  ]).catch((error) => [{ error: { kind: "threw", message: error.message } }]);
  const problems = results.filter((result) => !result.data).map(describeResult);
  return { name: "last calls (default timeout)", ok: problems.length === 0, detail: problems.join("; ") };
}

const json = (value) => new Response(JSON.stringify(value), { headers: { "content-type": "application/json" } });

/** The fetch handler: a Worker's `fetch`, edge-runtime's fetch event, or called directly by the Node, Bun and Deno host. */
export async function handle(request) {
  const url = new URL(request.url);
  const tag = url.searchParams.get("tag") ?? "run";
  if (url.pathname === "/checks") return json(await runChecks(tag));
  if (url.pathname === "/call") return json(await overlapCall(url.searchParams.get("id"), url.searchParams.get("signal") === "1"));
  if (url.pathname === "/last") return json(await lastCalls(tag));
  return new Response("not found", { status: 404 });
}
