// PortOne V2 on its real paths: routing, `Authorization` (API secret or access token), `storeId` access, the
// idempotency key, faults, and the engine's answers as JSON. What is not simulated yet answers the sandbox's own
// 501 problem document, never a made-up PortOne error.
import type { SandboxClock } from "../clock.js";
import { frontFault, type FaultQueue } from "../faults.js";
import { problem, sleep, type Exchange, type Handler, type Outcome, type Reply } from "../exchange.js";
import { fingerprint, type IdempotencyStore } from "../idempotency.js";
import type { PortOneEngine, Result } from "./engine.js";
import { failure, invalid, type PortOneFailure } from "./errors.js";
import { readObject, type Fields } from "./input.js";

/** How long PortOne's guides say access and refresh tokens live. */
const ACCESS_TOKEN_MS = 30 * 60_000;
const REFRESH_TOKEN_MS = 24 * 60 * 60_000;
/** PortOne's guide: an Idempotency-Key is 16–256 ASCII characters. */
const IDEMPOTENCY_KEY = /^[\x20-\x7e]{16,256}$/;

export interface PortOneApiContext {
  readonly secret: string;
  readonly storeId: string;
  readonly clock: SandboxClock;
  readonly engine: PortOneEngine;
  readonly faults: FaultQueue;
  readonly idempotency: IdempotencyStore;
}

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly operation: string;
  /** Operations called without credentials (the token endpoints). */
  readonly public?: boolean;
  /**
   * Where the operation takes its input: the JSON body, `requestBody` in the query (GET), or plain query
   * parameters (deleteBillingKey), whose values are text.
   */
  readonly input: "body" | "query" | "params";
  /** Where it takes `storeId`: a field of the input, a query parameter, `filter.storeId` or `payment.storeId`. */
  readonly storeId: "body" | "query" | "filter" | "payment" | "none";
  run(params: readonly string[], fields: Fields): Result<unknown>;
}

/** Paths of specs/portone the sandbox does not simulate yet: answered with a 501 that says so. */
const KNOWN_PATH = /^\/(payments|payment-events-by-cursor|payments-by-cursor|billing-keys|cash-receipts|payment-schedules|identity-verifications|promotions|payment-gateways|banks|platform|b2b|payment-sessions|payment-reconciliations|checkout-profiles|paymentwall|kakaopay|login|token)(\/|$)/;

export function portoneHandler(ctx: PortOneApiContext): Handler {
  const tokens = createTokens(ctx);
  const routes: Route[] = [
    {
      method: "POST",
      pattern: /^\/login\/api-secret$/,
      operation: "loginViaApiSecret",
      public: true,
      input: "body",
      storeId: "none",
      run: (_, fields) => tokens.login(fields),
    },
    {
      method: "POST",
      pattern: /^\/token\/refresh$/,
      operation: "refreshToken",
      public: true,
      input: "body",
      storeId: "none",
      run: (_, fields) => tokens.refresh(fields),
    },
    {
      method: "POST",
      pattern: /^\/payments\/([^/]+)\/pre-register$/,
      operation: "preRegisterPayment",
      input: "body",
      storeId: "body",
      run: ([paymentId], fields) => ctx.engine.preRegisterPayment(paymentId!, fields),
    },
    {
      method: "POST",
      pattern: /^\/payments\/([^/]+)\/cancel$/,
      operation: "cancelPayment",
      input: "body",
      storeId: "body",
      run: ([paymentId], fields) => ctx.engine.cancelPayment(paymentId!, fields),
    },
    {
      method: "POST",
      pattern: /^\/payments\/([^/]+)\/billing-key$/,
      operation: "payWithBillingKey",
      input: "body",
      storeId: "body",
      run: ([paymentId], fields) => ctx.engine.payWithBillingKey(paymentId!, fields),
    },
    {
      method: "POST",
      pattern: /^\/billing-keys$/,
      operation: "issueBillingKey",
      input: "body",
      storeId: "body",
      run: (_, fields) => ctx.engine.issueBillingKey(fields),
    },
    {
      method: "GET",
      pattern: /^\/billing-keys$/,
      operation: "getBillingKeyInfos",
      input: "query",
      storeId: "filter",
      run: (_, fields) => ctx.engine.getBillingKeyInfos(fields),
    },
    {
      method: "POST",
      pattern: /^\/payments\/([^/]+)\/schedule$/,
      operation: "createPaymentSchedule",
      input: "body",
      storeId: "payment",
      run: ([paymentId], fields) => ctx.engine.createPaymentSchedule(paymentId!, fields),
    },
    {
      method: "GET",
      pattern: /^\/payment-schedules\/([^/]+)$/,
      operation: "getPaymentSchedule",
      input: "params",
      storeId: "query",
      run: ([scheduleId]) => ctx.engine.getPaymentSchedule(scheduleId!),
    },
    {
      method: "GET",
      pattern: /^\/payment-schedules$/,
      operation: "getPaymentSchedules",
      input: "query",
      storeId: "filter",
      run: (_, fields) => ctx.engine.getPaymentSchedules(fields),
    },
    {
      // Its input travels as `requestBody` in the query (or as a body), like the GET lists'.
      method: "DELETE",
      pattern: /^\/payment-schedules$/,
      operation: "revokePaymentSchedules",
      input: "query",
      storeId: "body",
      run: (_, fields) => ctx.engine.revokePaymentSchedules(fields),
    },
    {
      method: "POST",
      pattern: /^\/cash-receipts$/,
      operation: "issueCashReceipt",
      input: "body",
      storeId: "body",
      run: (_, fields) => ctx.engine.issueCashReceipt(fields),
    },
    {
      method: "GET",
      pattern: /^\/cash-receipts$/,
      operation: "getCashReceipts",
      input: "query",
      storeId: "filter",
      run: (_, fields) => ctx.engine.getCashReceipts(fields),
    },
    {
      method: "GET",
      pattern: /^\/payments\/([^/]+)\/cash-receipt$/,
      operation: "getCashReceiptByPaymentId",
      input: "params",
      storeId: "query",
      run: ([paymentId]) => ctx.engine.getCashReceiptByPaymentId(paymentId!),
    },
    {
      method: "POST",
      pattern: /^\/payments\/([^/]+)\/cash-receipt\/cancel$/,
      operation: "cancelCashReceiptByPaymentId",
      input: "params",
      storeId: "query",
      run: ([paymentId]) => ctx.engine.cancelCashReceiptByPaymentId(paymentId!),
    },
    {
      method: "GET",
      pattern: /^\/billing-keys\/([^/]+)$/,
      operation: "getBillingKeyInfo",
      input: "params",
      storeId: "query",
      run: ([billingKey]) => ctx.engine.getBillingKeyInfo(billingKey!),
    },
    {
      method: "DELETE",
      pattern: /^\/billing-keys\/([^/]+)$/,
      operation: "deleteBillingKey",
      input: "params",
      storeId: "query",
      run: ([billingKey], fields) => ctx.engine.deleteBillingKey(billingKey!, fields),
    },
    {
      method: "GET",
      pattern: /^\/payments\/([^/]+)$/,
      operation: "getPayment",
      input: "query",
      storeId: "query",
      run: ([paymentId]) => ctx.engine.getPayment(paymentId!),
    },
    {
      method: "GET",
      pattern: /^\/payments$/,
      operation: "getPayments",
      input: "query",
      storeId: "filter",
      run: (_, fields) => ctx.engine.getPayments(fields),
    },
  ];

  return async (exchange, closing) => {
    const path = exchange.url.pathname;
    let params: string[] | undefined;
    const route = routes.find((r) => {
      const match = r.method === exchange.method ? r.pattern.exec(path) : null;
      if (match) params = match.slice(1);
      return match !== null;
    });
    if (!route) {
      if (KNOWN_PATH.test(path)) {
        return problem(501, "Not simulated", `${exchange.method} ${path} is a PortOne operation the sandbox does not simulate yet`);
      }
      return problem(404, "Not Found", `${exchange.method} ${path} is not a PortOne V2 path`);
    }

    const front = await frontFault(exchange, route.operation, ctx.faults, closing);
    if (front.outcome) return front.outcome;
    const fault = front.fault;

    const decoded = decodeParams(params ?? []);
    if (!decoded) return answer(invalid("경로 파라미터의 인코딩이 올바르지 않습니다. (a path parameter is not valid percent-encoding)"));
    if (!route.public && !tokens.authorized(exchange.headers.get("authorization"))) return answer(failure("UNAUTHORIZED"));
    const input = readInput(route, exchange);
    if (!input.ok) return answer(input);
    const fields = input.value;
    const access = checkStore(route, exchange, fields, ctx.storeId);
    if (access) return answer(access);

    const run = async (): Promise<Reply | undefined> => {
      if (fault?.latencyMs !== undefined && !(await sleep(fault.latencyMs, closing))) return undefined;
      const result = route.run(decoded, fields);
      return toReply(result);
    };

    let outcome: Reply | undefined;
    const write = exchange.method !== "GET" && exchange.method !== "HEAD";
    const keyHeader = write ? exchange.headers.get("idempotency-key") : null;
    if (keyHeader !== null) {
      const key = readKey(keyHeader);
      if (key === undefined) return answer(invalid("Idempotency-Key는 16~256자의 ASCII 문자열이어야 합니다. (16 to 256 ASCII characters)"));
      // The token endpoints' answers are credentials: never written to a snapshot file (tokens are not kept either).
      const lookup = ctx.idempotency.begin(key, fingerprint(exchange.method, exchange.url, exchange.text), { kept: route.public !== true });
      if (lookup.kind === "replay") outcome = { ...lookup.reply, headers: { ...lookup.reply.headers, "x-sandbox-idempotent-replay": "true" } };
      else if (lookup.kind === "outstanding") return answer(failure("IDEMPOTENCY_OUTSTANDING_REQUEST"));
      else if (lookup.kind === "conflict") {
        // PortOne documents no error for a key reused with another request (its guides name only
        // IDEMPOTENCY_OUTSTANDING_REQUEST, for a repeat still in progress). The sandbox answers INVALID_REQUEST, the
        // one 400 every operation of the spec documents, so that the answer stays inside the spec.
        return answer(invalid("같은 Idempotency-Key로 다른 요청을 보낼 수 없습니다. (this Idempotency-Key was used for a different request)"));
      } else {
        outcome = await run();
        if (outcome) lookup.finish(outcome);
        else lookup.abandon();
      }
    } else {
      outcome = await run();
    }
    if (!outcome) return { kind: "reset" };
    // Applied and committed (and kept for the key): only the answer is lost.
    if (fault?.drop === "lost-answer") return { kind: "reset" };
    return { kind: "reply", reply: outcome };
  };
}

function answer(result: PortOneFailure): Outcome {
  return { kind: "reply", reply: toReply(result) };
}

function toReply(result: Result<unknown>): Reply {
  const body = JSON.stringify(result.ok ? result.value : result.body);
  return { status: result.ok ? 200 : result.status, headers: { "content-type": "application/json; charset=utf-8" }, body };
}

function decodeParams(params: readonly string[]): string[] | undefined {
  try {
    return params.map((p) => decodeURIComponent(p));
  } catch {
    return undefined;
  }
}

/** The operation's input object: the body (any content type: the official SDK sends JSON as text/plain) or `requestBody`. */
function readInput(route: Route, exchange: Exchange): ReturnType<typeof readObject> {
  if (route.input === "body") return readObject(exchange.text);
  if (route.input === "params") return { ok: true, value: Object.fromEntries(exchange.url.searchParams) };
  // GET inputs come URL-encoded in `requestBody`; the provider also takes the same JSON as a GET body.
  const query = exchange.url.searchParams.get("requestBody");
  return readObject(query ?? exchange.text);
}

/** FORBIDDEN for a store the credential may not access; INVALID_REQUEST for a storeId that is not a string. */
function checkStore(route: Route, exchange: Exchange, fields: Fields, storeId: string): PortOneFailure | undefined {
  let given: unknown;
  if (route.storeId === "query") given = exchange.url.searchParams.get("storeId") ?? undefined;
  else if (route.storeId === "body") given = fields["storeId"];
  else if (route.storeId === "filter" || route.storeId === "payment") {
    const inner = fields[route.storeId];
    given = typeof inner === "object" && inner !== null ? (inner as Fields)["storeId"] : undefined;
  }
  if (given === undefined || given === null) return undefined;
  if (typeof given !== "string") return invalid("storeId: 문자열이어야 합니다. (must be a string)");
  return given === storeId ? undefined : failure("FORBIDDEN");
}

/** The key of `Idempotency-Key`: an RFC 8941 string (`"…"`, as PortOne's guide shows) or the bare token. */
function readKey(header: string): string | undefined {
  const value = header.trim();
  const key = /^"(?:[^"\\]|\\["\\])*"$/.test(value) ? value.slice(1, -1).replace(/\\(["\\])/g, "$1") : value;
  return IDEMPOTENCY_KEY.test(key) ? key : undefined;
}

/** The API secret and the access tokens of token mode (30 minutes; refresh tokens a day, one alive at a time). */
function createTokens(ctx: PortOneApiContext) {
  const access = new Map<string, number>();
  let refreshToken: { token: string; expiresAt: number } | undefined;
  const issue = () => {
    const now = ctx.clock.now();
    const accessToken = `sandbox-access-${globalThis.crypto.randomUUID()}`;
    access.set(accessToken, now + ACCESS_TOKEN_MS);
    refreshToken = { token: `sandbox-refresh-${globalThis.crypto.randomUUID()}`, expiresAt: now + REFRESH_TOKEN_MS };
    return { ok: true as const, value: { accessToken, refreshToken: refreshToken.token } };
  };
  return {
    authorized(header: string | null): boolean {
      if (header === null) return false;
      const [scheme, credential, ...rest] = header.trim().split(/\s+/);
      if (rest.length > 0 || credential === undefined) return false;
      if (scheme?.toLowerCase() === "portone") return credential === ctx.secret;
      if (scheme?.toLowerCase() === "bearer") return (access.get(credential) ?? 0) > ctx.clock.now();
      return false;
    },
    login(fields: Fields): Result<{ accessToken: string; refreshToken: string }> {
      const apiSecret = fields["apiSecret"];
      if (typeof apiSecret !== "string" || apiSecret === "") return invalid("apiSecret: 필수 입력 항목입니다.");
      if (apiSecret !== ctx.secret) return failure("UNAUTHORIZED", "유효하지 않은 API 시크릿입니다.");
      return issue();
    },
    refresh(fields: Fields): Result<{ accessToken: string; refreshToken: string }> {
      const token = fields["refreshToken"];
      if (typeof token !== "string" || token === "") return invalid("refreshToken: 필수 입력 항목입니다.");
      if (!refreshToken || refreshToken.token !== token || refreshToken.expiresAt <= ctx.clock.now()) {
        return failure("UNAUTHORIZED", "유효하지 않거나 만료된 리프레시 토큰입니다.");
      }
      return issue();
    },
  };
}
