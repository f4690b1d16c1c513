// PortOne Global on its real paths (api.portone.cloud): the client key (`X-Portone-Client-Key`) on every call but
// getAuthToken, the HS256 JWT (`Authorization: Bearer …`, signed with the PortOne Secret, `iss` PORTONE, `sub` the
// key, `exp` checked against wall-clock time: the app signs it with its own clock, so a sandbox clock moved ahead
// must not expire every token, as webhooks.ts reasons for `webhook-timestamp`) on the JWT operations, and initiatePayment's `signature_hash`
// checked over the spec's field list. Errors are the spec's envelope with the code and HTTP status it declares
// (4010 key, 4054 JWT, 4011 signature, 4001 request, 4042 not found, 4041/4070 refunds, 4050/4083 payment links).
// Faults come first, as for
// the other providers. PortOne Global has no idempotency key.
import { createHmac, timingSafeEqual } from "node:crypto";
import { json, problem, sleep, type Exchange, type Handler, type Outcome } from "../exchange.js";
import { frontFault, type FaultQueue } from "../faults.js";
import { GLOBAL_EXPIRY_MINUTES, globalSignature, type GlobalEngine, type InitiateFields, type PaymentLinkFields, type Result } from "./engine.js";
import { failure, SUCCESS_CODE, SUCCESS_REASON, type GlobalFailure } from "./errors.js";

export interface GlobalApiContext {
  readonly clientKey: string;
  readonly secretKey: string;
  readonly engine: GlobalEngine;
  readonly faults: FaultQueue;
}

type Fields = Record<string, unknown>;

/** What an operation answers: a body with the envelope (`content` and a message) or a bare one. */
type Answer = { readonly envelope: true; readonly content: unknown; readonly message: string } | { readonly envelope: false; readonly body: unknown };

interface Route {
  readonly operation: string;
  readonly method: "GET" | "POST";
  readonly pattern: RegExp;
  readonly auth: "none" | "client-key" | "jwt";
  run(input: { params: string[]; body: Fields; origin: string; headers: Headers }): Result<Answer>;
}

/** The JWT the sandbox issues from getAuthToken lives six hours, as PortOne's does. */
const AUTH_TOKEN_TTL_SECONDS = 6 * 60 * 60;

export function globalHandler(ctx: GlobalApiContext): Handler {
  const { engine } = ctx;
  const routes: Route[] = [
    {
      operation: "getAuthToken",
      method: "POST",
      pattern: /^\/api\/merchant\/auth-token$/,
      auth: "none",
      run: ({ body }) => {
        const { portone_key: key, portone_secret: secret } = body;
        if (typeof key !== "string" || typeof secret !== "string") return failure("4001");
        if (key !== ctx.clientKey) return failure("4016");
        if (!same(secret, ctx.secretKey)) return failure("4099");
        const iat = Math.floor(Date.now() / 1000);
        const token = signJwt(ctx.secretKey, { iss: "PORTONE", sub: key, iat, exp: iat + AUTH_TOKEN_TTL_SECONDS });
        return enveloped({ token, expires_in: AUTH_TOKEN_TTL_SECONDS }, "Auth token generated.");
      },
    },
    {
      operation: "generateSignature",
      method: "POST",
      pattern: /^\/api\/merchant\/generate-signature$/,
      auth: "jwt",
      run: ({ body }) => {
        const fields = signedRequestFields(body);
        if ("ok" in fields) return fields;
        if (fields.portone_key !== ctx.clientKey) return failure("4010");
        return enveloped({ signature: globalSignature(ctx.secretKey, "InitiatePaymentRequest", fields) }, "Signature generated.");
      },
    },
    {
      operation: "initiatePayment",
      method: "POST",
      pattern: /^\/api\/initiatePayment$/,
      auth: "client-key",
      run: ({ body, origin }) => {
        const signed = signedRequestFields(body);
        if ("ok" in signed) return signed;
        const { environment, pmt_channel: channel, pmt_method: method, signature_hash: hash } = body;
        if (typeof hash !== "string" || typeof channel !== "string" || channel === "" || typeof method !== "string" || method === "") return failure("4001");
        if (environment !== "sandbox" && environment !== "live") return failure("4034");
        // The key that signed is the body's: another key than the header's is not this merchant's request.
        if (signed.portone_key !== ctx.clientKey) return failure("4010");
        if (!same(hash, globalSignature(ctx.secretKey, "InitiatePaymentRequest", signed))) return failure("4011");
        const fields: InitiateFields = {
          merchant_order_id: signed.merchant_order_id,
          amount: signed.amount,
          currency: signed.currency,
          success_url: signed.success_url,
          failure_url: signed.failure_url,
          environment,
          pmt_channel: channel,
          pmt_method: method,
        };
        const started = engine.initiate(fields);
        if (!started.ok) return started;
        const { orderRef, channelOrderRef } = started.value;
        return bare({
          is_success: true,
          // The buyer's payment page: the sandbox's control view of the transaction (complete it there).
          redirect_url: `${origin}/__sandbox/portone-global/transactions/${encodeURIComponent(orderRef)}`,
          channel_order_ref: channelOrderRef,
          merchant_order_ref: fields.merchant_order_id,
          order_ref: orderRef,
          message: "",
          deep_link: "",
          additional_data: {},
          qrcode_url: "",
          expiry_in_minutes: GLOBAL_EXPIRY_MINUTES,
        });
      },
    },
    {
      operation: "getTransactionStatus",
      method: "GET",
      pattern: /^\/api\/transaction\/([^/]+)\/status$/,
      auth: "jwt",
      run: ({ params }) => {
        const status = engine.status(params[0]!);
        return status.ok ? enveloped({ status: status.value }, "Transaction status fetched.") : status;
      },
    },
    {
      operation: "getTransactionDetails",
      method: "POST",
      pattern: /^\/api\/([^/]+)\/transaction-details$/,
      auth: "jwt",
      run: ({ params, body }) => {
        if (params[0] !== ctx.clientKey) return failure("4042", { reason: "MERCHANT_NOT_FOUND", message: "No merchant found for this key." });
        if (typeof body["order_ref"] !== "string" || body["order_ref"] === "") return failure("4001");
        const details = engine.details(body["order_ref"]);
        return details.ok ? enveloped(details.value, "Transaction details fetched.") : details;
      },
    },
    {
      operation: "createRefund",
      method: "POST",
      pattern: /^\/api\/refund\/([^/]+)$/,
      auth: "jwt",
      run: ({ params, body }) => {
        const { refund_type: type, environment, amount, refund_reason: reason, description, channel } = body;
        const valid =
          (type === "full" || type === "partial") &&
          (environment === "sandbox" || environment === "live") &&
          (amount === undefined || isAmount(amount)) &&
          (reason === undefined || (typeof reason === "string" && reason.length <= 1000)) &&
          (description === undefined || (typeof description === "string" && description.length <= 1000)) &&
          (channel === undefined || typeof channel === "string");
        if (!valid) return failure("4001");
        const found = engine.details(params[0]!);
        if (found.ok && found.value.environment !== environment) return failure("4001", { message: `The transaction was made in ${found.value.environment}, not ${environment}.` });
        const refunded = engine.refund(params[0]!, { refund_type: type, ...(amount !== undefined && { amount }), ...(reason !== undefined && { refund_reason: reason }) });
        return refunded.ok ? bare(refunded.value) : refunded;
      },
    },
    {
      operation: "createPaymentLink",
      method: "POST",
      pattern: /^\/api\/paymentLink$/,
      auth: "jwt",
      run: ({ body, origin, headers }) => {
        // The sandbox has no sub-merchants: a link for one could not be found under it later.
        if (headers.get("x-portone-submerchant-key") !== null) return failure("4010", { message: "The sub-merchant key is not known to this merchant." });
        const { amount, currency, merchant_order_ref: mine, environment } = body;
        const valid =
          isAmount(amount) && amount > 0 &&
          typeof currency === "string" && /^[A-Z]{3}$/.test(currency) &&
          (environment === undefined || environment === "sandbox" || environment === "live");
        if (!valid) return failure("4001");
        if (mine !== undefined && (typeof mine !== "string" || mine === "" || mine.length > 255)) return failure("4050");
        const fields: PaymentLinkFields = { amount, currency, ...(mine !== undefined && { merchant_order_ref: mine }), environment: environment ?? "sandbox" };
        const created = engine.createLink(fields);
        if (!created.ok) return created;
        // The hosted checkout page: the sandbox's control view of the link (pay it there).
        return bare({ payment_link_ref: created.value.ref, payment_link: `${origin}/__sandbox/portone-global/links/${encodeURIComponent(created.value.ref)}` });
      },
    },
    {
      operation: "getPaymentLinkStatus",
      method: "GET",
      pattern: /^\/api\/paymentLink\/([^/]+)\/fetch-status$/,
      auth: "jwt",
      run: ({ params }) => {
        const status = engine.linkStatus(params[0]!);
        return status.ok ? enveloped(status.value, "Payment link status fetched.") : status;
      },
    },
    {
      operation: "listRefunds",
      method: "GET",
      pattern: /^\/api\/refund\/([^/]+)$/,
      auth: "jwt",
      run: ({ params }) => {
        const refunds = engine.refunds(params[0]!);
        return refunds.ok ? bare(refunds.value) : refunds;
      },
    },
  ];

  return async (exchange, closing) => {
    const path = exchange.url.pathname;
    const matches = routes.map((route) => ({ route, match: route.pattern.exec(path) })).filter((m) => m.match !== null);
    if (matches.length === 0) return problem(404, "Not Found", `${exchange.method} ${path} is not a PortOne Global path`);
    const found = matches.find((m) => m.route.method === exchange.method);
    if (!found) {
      const allow = matches.map((m) => m.route.method).join(", ");
      return problem(405, "Method Not Allowed", `PortOne Global's ${path} takes ${allow}`, { allow });
    }
    const { route } = found;
    let params: string[];
    try {
      params = found.match!.slice(1).map((p) => decodeURIComponent(p));
    } catch {
      return answer(failure("4001"));
    }

    const front = await frontFault(exchange, route.operation, ctx.faults, closing);
    if (front.outcome) return front.outcome;
    const fault = front.fault;
    if (fault?.latencyMs !== undefined && !(await sleep(fault.latencyMs, closing))) return { kind: "reset" };

    const result = handle(ctx, route, params, exchange);
    // Applied and committed: only the answer is lost.
    if (fault?.drop === "lost-answer") return { kind: "reset" };
    return answer(result);
  };
}

function handle(ctx: GlobalApiContext, route: Route, params: string[], exchange: Exchange): Result<Answer> {
  if (route.auth !== "none") {
    const key = exchange.headers.get("x-portone-client-key");
    if (key === null || key !== ctx.clientKey) return failure("4010");
  }
  if (route.auth === "jwt" && !jwtValid(exchange.headers.get("authorization"), ctx)) return failure("4054");
  let body: Fields = {};
  if (route.method === "POST") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(exchange.text);
    } catch {
      return failure("4001");
    }
    if (!isRecord(parsed)) return failure("4001");
    body = parsed;
  }
  return route.run({ params, body, origin: exchange.url.origin, headers: exchange.headers });
}

function answer(result: Result<Answer>): Outcome {
  if (!result.ok) return json(result.http, errorBody(result));
  const a = result.value;
  return json(200, a.envelope ? { content: a.content, message: a.message, status_code: SUCCESS_CODE, status_reason: SUCCESS_REASON } : a.body);
}

const errorBody = (f: GlobalFailure) => ({ message: f.message, status_code: f.code, status_reason: f.reason, is_success: false });
const enveloped = (content: unknown, message: string): Result<Answer> => ({ ok: true, value: { envelope: true, content, message } });
const bare = (body: unknown): Result<Answer> => ({ ok: true, value: { envelope: false, body } });
const isRecord = (value: unknown): value is Fields => typeof value === "object" && value !== null && !Array.isArray(value);
const isAmount = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= 1e13;
const isUrl = (value: unknown): value is string => typeof value === "string" && value.length <= 2048 && /^https?:\/\/[^\s]+$/.test(value);

/** The six fields a payment request signs, checked as the spec types them (4001 otherwise). */
function signedRequestFields(body: Fields) {
  const { portone_key: key, merchant_order_id: order, amount, currency, success_url: success, failure_url: failed } = body;
  if (typeof key !== "string" || typeof order !== "string" || order === "" || !isAmount(amount)) return failure("4001");
  if (typeof currency !== "string" || !/^[A-Z]{3}$/.test(currency) || !isUrl(success) || !isUrl(failed)) return failure("4001");
  return { portone_key: key, merchant_order_id: order, amount, currency, success_url: success, failure_url: failed };
}

/** Compares in time that depends only on the lengths. */
function same(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

function signJwt(secret: string, claims: Record<string, unknown>): string {
  const unsigned = `${base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${base64url(JSON.stringify(claims))}`;
  return `${unsigned}.${createHmac("sha256", secret).update(unsigned).digest("base64url")}`;
}

/** `Bearer <HS256 JWT>` signed with the secret, `iss` PORTONE, `sub` the client key, `exp` after now (wall clock). */
function jwtValid(authorization: string | null, ctx: GlobalApiContext): boolean {
  const match = /^Bearer\s+([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(authorization?.trim() ?? "");
  if (!match) return false;
  const [, head, payload, signature] = match as unknown as [string, string, string, string];
  if (!same(signature, createHmac("sha256", ctx.secretKey).update(`${head}.${payload}`).digest("base64url"))) return false;
  try {
    const header = JSON.parse(Buffer.from(head, "base64url").toString("utf8")) as { alg?: unknown };
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { iss?: unknown; sub?: unknown; exp?: unknown };
    return header.alg === "HS256" && claims.iss === "PORTONE" && claims.sub === ctx.clientKey && typeof claims.exp === "number" && claims.exp * 1000 > Date.now();
  } catch {
    return false;
  }
}
