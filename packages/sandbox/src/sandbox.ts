// The sandbox: one clock, one delivery log, one fault queue, and per provider its state, its API on the real paths
// and its control API under /__sandbox/. `createSandbox` runs it in process (its `fetch`); `startSandbox` also
// serves each provider on a port.
//
// Layout of the providers (PortOne, PaySsam, PortOne Global): each has a folder like src/payssam/ (engine.ts: the
// state and its business errors; api.ts: the provider's paths, credentials and faults; errors.ts) and an entry in
// `Sandbox` and in `startSandbox`'s servers; the clock, the faults, idempotency and the webhook deliveries are shared.
// PortOne's engine.ts is a facade over one module per PortOne category (payments, checkout, billing keys, schedules,
// cash receipts) sharing state.ts, with the spec-shaped views in views.ts.
import { createClock, type ClockOptions, type InternalClock, type SandboxClock } from "./clock.js";
import { json, problem, type Exchange, type Handler, type Outcome } from "./exchange.js";
import { FaultQueue, type FaultInput, type QueuedFault } from "./faults.js";
import { IdempotencyStore } from "./idempotency.js";
import { payssamHandler } from "./payssam/api.js";
import { ApproveError, PaySsamEngine, type ApproveInput, type ApprovalEvent, type PaySsamAutoPayMethod, type PaySsamBill, type PaySsamWallet } from "./payssam/engine.js";
import { portoneHandler } from "./portone/api.js";
import { globalHandler } from "./portone-global/api.js";
import {
  CompleteError,
  GlobalEngine,
  globalSignature,
  type GlobalEvent,
  type GlobalOutcome,
  type GlobalPaymentLink,
  type GlobalTransaction,
  type PayLinkInput,
} from "./portone-global/engine.js";
import {
  CheckoutError,
  PortOneEngine,
  billingKeyWebhookBody,
  type CheckoutInput,
  type DepositInput,
  type FailInput,
  type PaymentEvent,
  type PortOneCheckout,
  type PortOnePaymentSchedule,
  type PortOnePayment,
  type PortOnePaymentWebhook,
  type VirtualAccountInput,
} from "./portone/engine.js";
import { dashboardAsset } from "./dashboard/assets.js";
import { readSnapshot, SnapshotError, SnapshotWriter, type SnapshotFile, type SnapshotState } from "./snapshot.js";
import { inProcessFetch, isPort, listen, type Listening } from "./transport.js";
import {
  Deliveries,
  PORTONE_DELIVERY_TIMEOUT_MS,
  PORTONE_RETRY_DELAYS_MS,
  PAYSSAM_RETRY_DELAYS_MS,
  webhookKey,
  type Delivery,
  type DeliveryAttempt,
  type WebhookEndpoint,
} from "./webhooks.js";

/** The API secret the sandbox accepts when none is configured. */
export const DEFAULT_PORTONE_SECRET = "payspec-sandbox-secret";
export const DEFAULT_PORTONE_STORE_ID = "store-payspec-sandbox";
export const DEFAULT_PORTONE_MERCHANT_ID = "merchant-payspec-sandbox";
/** The webhook secret used when a webhook URL is given without one: `whsec_` and base64 of "payspec-sandbox-webhook". */
export const DEFAULT_WEBHOOK_SECRET = `whsec_${Buffer.from("payspec-sandbox-webhook").toString("base64")}`;
export const DEFAULT_PAYSSAM_API_KEY = "payspec-sandbox-payssam-key";
export const DEFAULT_PAYSSAM_MEMBER = "PAYSPEC-MEMBER";
export const DEFAULT_PAYSSAM_MERCHANT = "PAYSPEC-MERCHANT";
/** 쌤포인트 a sandbox starts with: 1,000 KakaoTalk sends at 55 P. */
export const DEFAULT_PAYSSAM_POINTS = 55_000;
export const DEFAULT_GLOBAL_CLIENT_KEY = "payspec-sandbox-global-key";
export const DEFAULT_GLOBAL_SECRET_KEY = "payspec-sandbox-global-secret";
export const DEFAULT_GLOBAL_MERCHANT_ID = "1042";
/** PortOne's guide: an idempotency key is kept for 3 hours. */
const IDEMPOTENCY_TTL_MS = 3 * 60 * 60_000;
const CONTROL_PREFIX = "/__sandbox";

export interface PortOneSandboxOptions {
  /** The V2 API secret the sandbox accepts (`Authorization: PortOne <secret>`). Default `payspec-sandbox-secret`. */
  readonly secret?: string;
  /** The store of the credential; requests naming another store get FORBIDDEN. */
  readonly storeId?: string;
  readonly merchantId?: string;
  /** Where webhooks go, and the secret they are signed with (`whsec_…`). Also settable later: `setWebhook`. */
  readonly webhook?: { readonly url: string; readonly secret?: string };
  /** startSandbox: the port (0 = a free one; default 0) and host (default 127.0.0.1). */
  readonly port?: number;
  readonly host?: string;
}

export interface PaySsamSandboxOptions {
  /** The partner `apiKey` the sandbox accepts (max 32). Default `payspec-sandbox-payssam-key`. */
  readonly apiKey?: string;
  /** The partner's `member`; another one is PARTNER_004. */
  readonly member?: string;
  /** The sub-merchant (`merchant`) linked to the partner; also `merchants` for more than one. */
  readonly merchant?: string;
  readonly merchants?: readonly string[];
  /** 쌤포인트 at the start (default 55,000), in every wallet: each KakaoTalk send and resend takes 55. */
  readonly points?: number;
  /**
   * Whose 쌤포인트 pay for KakaoTalk sends: the partner's one wallet (`partner`, the default; `/read/merchant/remain_count`
   * then answers it too) or each sub-merchant's own (`merchant`).
   */
  readonly wallet?: PaySsamWallet;
  /** startSandbox: the port (0 = a free one; default 0) and host (default 127.0.0.1). */
  readonly port?: number;
  readonly host?: string;
}

export interface PortOneGlobalSandboxOptions {
  /** The PortOne Key the sandbox accepts (`X-Portone-Client-Key`, the JWT's `sub`). Default `payspec-sandbox-global-key`. */
  readonly clientKey?: string;
  /** The PortOne Secret: checks JWTs and `signature_hash`, and signs webhooks and redirects. Default `payspec-sandbox-global-secret`. */
  readonly secretKey?: string;
  /** `merchant_id` of refunds (default "1042"). */
  readonly merchantId?: string;
  /**
   * Where the webhooks go: payment and payment-link webhooks signed in the body with `secretKey` (no header), refund
   * webhooks unsigned (PortOne Global signs none). Also settable later: `setWebhook`.
   */
  readonly webhook?: { readonly url: string };
  /** startSandbox: the port (0 = a free one; default 0) and host (default 127.0.0.1). */
  readonly port?: number;
  readonly host?: string;
}

export interface SandboxOptions {
  readonly portone?: PortOneSandboxOptions;
  readonly payssam?: PaySsamSandboxOptions;
  readonly global?: PortOneGlobalSandboxOptions;
  /** Where sandbox time starts (default: now). */
  readonly clock?: ClockOptions;
  /**
   * A snapshot file: restored at the start when it exists (every payment, bill, transaction, billing key, schedule,
   * receipt, the clock, the delivery log with its pending re-sends and the idempotency keys), written after changes
   * (at most every 200 ms, atomically) and on close. A file that is not a snapshot is refused (`SnapshotError`).
   * Secrets are not written: they come from these options at every start.
   */
  readonly snapshot?: string;
  readonly webhooks?: {
    /** Waits before each re-send after a failed attempt (default PortOne's: 1, 4, 16, 64, 256 minutes). */
    readonly retryDelaysMs?: readonly number[];
    /** How long an attempt may take (default 30 s). */
    readonly timeoutMs?: number;
    /** How deliveries are sent (default: the global fetch as it was when the sandbox was created). */
    readonly fetch?: typeof globalThis.fetch;
  };
}

export interface PortOneSandbox {
  readonly secret: string;
  readonly storeId: string;
  readonly merchantId: string;
  /** The in-process fetch for PortOne: any host in the URL reaches this sandbox. */
  readonly fetch: typeof globalThis.fetch;
  readonly webhook: WebhookEndpoint | undefined;
  /** Sets (or, with `undefined`, removes) where webhooks go; events before it are not delivered. */
  setWebhook(webhook: { readonly url: string; readonly secret?: string } | undefined): void;
  /** Checkout: the customer pays. FAILED instead when the input differs from the pre-registered amount or currency. */
  pay(input: CheckoutInput): PortOnePayment;
  /** Checkout: the payment fails. */
  fail(input: FailInput): PortOnePayment;
  /** Checkout: a virtual account is issued; `deposit` pays it. */
  issueVirtualAccount(input: VirtualAccountInput): PortOnePayment;
  deposit(input: DepositInput): PortOnePayment;
  /** A payment as `getPayment` would answer it, or `undefined`. */
  payment(paymentId: string): PortOnePayment | undefined;
  payments(): PortOnePayment[];
  /** Every paymentId pre-registered or paid at checkout, with its status history (what the dashboard lists). */
  checkouts(): PortOneCheckout[];
  /** Every payment schedule as getPaymentSchedule answers it, newest first (what the dashboard lists). */
  schedules(): PortOnePaymentSchedule[];
}

export interface PaySsamSandbox {
  readonly apiKey: string;
  readonly member: string;
  /** The first linked sub-merchant. */
  readonly merchant: string;
  readonly merchants: readonly string[];
  /** The in-process fetch for PaySsam: any host in the URL reaches this sandbox (with or without `/partner`). */
  readonly fetch: typeof globalThis.fetch;
  /** 쌤포인트 left in the partner's wallet; settable (0 makes the next KakaoTalk send POINT_001 with wallet `partner`). */
  points: number;
  /** Whose wallet pays for sends (`payssam.wallet`). */
  readonly wallet: PaySsamWallet;
  /** 쌤포인트 of the wallet that pays for a sub-merchant's sends (its own with wallet `merchant`, else the partner's). */
  merchantPoints(merchant: string): number;
  /** Sets a sub-merchant's own wallet (wallet `merchant` only; a TypeError otherwise). */
  setMerchantPoints(merchant: string, points: number): void;
  /** The stored auto-pay (RP) methods of a sub-merchant (default the first), by customer phone. */
  autoPayMethods(merchant?: string): PaySsamAutoPayMethod[];
  /**
   * The customer pays the bill on Paymint's page (W → F): its approval sync is POSTed to the bill's `callbackUrl`.
   * Throws an `ApproveError` for an unknown bill, one that is not W, or one past its `expireDt`.
   */
  approve(billId: string, input?: ApproveInput): PaySsamBill;
  /** A bill with its state and history, or `undefined`. */
  bill(billId: string): PaySsamBill | undefined;
  bills(): PaySsamBill[];
}

export interface PortOneGlobalSandbox {
  readonly clientKey: string;
  readonly secretKey: string;
  /** The in-process fetch for PortOne Global: any host in the URL reaches this sandbox. */
  readonly fetch: typeof globalThis.fetch;
  readonly webhook: { readonly url: string } | undefined;
  /** Sets (or, with `undefined`, removes) where the webhooks go; events before it are not delivered. */
  setWebhook(webhook: { readonly url: string } | undefined): void;
  /**
   * The buyer pays ("Success") or fails ("Failed") on a payment link's hosted page: a transaction of the link and its
   * payment webhook; once paid the link reads Success and its signed payment-link webhook goes out. Throws a
   * `CompleteError` for an unknown link or one that is no longer Created.
   */
  payLink(linkRef: string, status: GlobalOutcome, input?: PayLinkInput): GlobalPaymentLink;
  /** A payment link (by `payment_link_ref`) with its status and the order_ref of each attempt, or `undefined`. */
  link(linkRef: string): GlobalPaymentLink | undefined;
  links(): GlobalPaymentLink[];
  /**
   * The buyer pays ("Success") or fails ("Failed") on the payment page: the transaction changes, and its signed
   * payment webhook is POSTed to the webhook URL. Throws a `CompleteError` for an unknown or no longer Pending one.
   */
  complete(orderRef: string, status: GlobalOutcome): GlobalTransaction;
  /** Where the buyer is sent back after `complete`: success_url or failure_url with the signed query; undefined before. */
  redirectUrl(orderRef: string): string | undefined;
  /** A transaction (by `order_ref`) with its refunds and history, or `undefined`. */
  transaction(orderRef: string): GlobalTransaction | undefined;
  transactions(): GlobalTransaction[];
}

export interface SandboxControls {
  readonly clock: Pick<SandboxClock, "now" | "iso" | "advance">;
  readonly faults: {
    /** Queues a fault for the next `times` calls (of `operation`, or any). Throws a TypeError for a bad input. */
    inject(input: FaultInput): QueuedFault;
    list(): QueuedFault[];
    clear(): void;
  };
}

export interface Sandbox extends SandboxControls {
  readonly portone: PortOneSandbox;
  readonly payssam: PaySsamSandbox;
  readonly global: PortOneGlobalSandbox;
  /** PortOne's in-process fetch (`sandbox.portone.fetch`). */
  readonly fetch: typeof globalThis.fetch;
  /** Every webhook delivery so far, with its attempts. */
  readonly deliveries: readonly Delivery[];
  /** Sends a delivery again now. Throws a RangeError for an unknown id. */
  redeliver(deliveryId: string): Promise<DeliveryAttempt>;
  /** Resolves when no webhook attempt is in flight (scheduled re-sends are not waited for: advance the clock). */
  settled(): Promise<void>;
  /** Forgets every payment, delivery, queued fault and idempotency key (the clock and configuration stay). */
  reset(): void;
  close(): Promise<void>;
}

export interface RunningSandbox extends Sandbox {
  /** PortOne's base URL (`sandbox.portone.url`). */
  readonly url: string;
  readonly portone: PortOneSandbox & { readonly url: string };
  readonly payssam: PaySsamSandbox & { readonly url: string };
  readonly global: PortOneGlobalSandbox & { readonly url: string };
}

/** A sandbox in this process, without a port: use its `fetch` (or `portone.fetch`). */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  return assemble(options).sandbox;
}

/** A sandbox serving each provider on 127.0.0.1 (a free port unless `portone.port` says otherwise). */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const port = options.portone?.port ?? 0;
  if (!isPort(port)) throw new TypeError(`portone.port must be a port number from 0 to 65535, not ${String(port)}`);
  const payssamPort = options.payssam?.port ?? 0;
  if (!isPort(payssamPort)) throw new TypeError(`payssam.port must be a port number from 0 to 65535, not ${String(payssamPort)}`);
  const globalPort = options.global?.port ?? 0;
  if (!isPort(globalPort)) throw new TypeError(`global.port must be a port number from 0 to 65535, not ${String(globalPort)}`);
  const { sandbox, handlers, closing } = assemble(options);
  const servers: Listening[] = [];
  try {
    servers.push(await listen(handlers.portone, options.portone?.host ?? "127.0.0.1", port, closing));
    servers.push(await listen(handlers.payssam, options.payssam?.host ?? "127.0.0.1", payssamPort, closing));
    servers.push(await listen(handlers.global, options.global?.host ?? "127.0.0.1", globalPort, closing));
  } catch (error) {
    await Promise.all([...servers.map((s) => s.close()), sandbox.close()]);
    throw error;
  }
  const [portoneServer, payssamServer, globalServer] = servers as [Listening, Listening, Listening];
  const close = sandbox.close;
  Object.defineProperty(sandbox.portone, "url", { value: portoneServer.url, enumerable: true });
  Object.defineProperty(sandbox.payssam, "url", { value: payssamServer.url, enumerable: true });
  Object.defineProperty(sandbox.global, "url", { value: globalServer.url, enumerable: true });
  return Object.assign(sandbox as RunningSandbox, {
    url: portoneServer.url,
    close: async () => {
      await Promise.all([...servers.map((s) => s.close()), close()]);
    },
  });
}

function assemble(options: SandboxOptions) {
  const file = options.snapshot;
  if (file !== undefined && (typeof file !== "string" || file === "")) throw new TypeError("snapshot must be a file path");
  const restored = file === undefined ? undefined : readSnapshot(file);
  // Every change (a request, a control call, a timer of the clock, a webhook attempt) asks for a snapshot write.
  let writer: SnapshotWriter | undefined;
  const changed = () => writer?.changed();
  const clock = watchedClock(createClock(options.clock, restored && restoredOffset(restored)), changed);
  const lifetime = new AbortController();
  const deliveries = new Deliveries(clock, {
    retryDelaysMs: checkDelays(options.webhooks?.retryDelaysMs ?? PORTONE_RETRY_DELAYS_MS),
    timeoutMs: options.webhooks?.timeoutMs ?? PORTONE_DELIVERY_TIMEOUT_MS,
    fetch: options.webhooks?.fetch ?? globalThis.fetch.bind(globalThis),
    onChange: changed,
  });
  const faults = new FaultQueue();
  const idempotency = new IdempotencyStore(clock, IDEMPOTENCY_TTL_MS);

  const p = options.portone ?? {};
  const secret = p.secret ?? DEFAULT_PORTONE_SECRET;
  const storeId = p.storeId ?? DEFAULT_PORTONE_STORE_ID;
  const merchantId = p.merchantId ?? DEFAULT_PORTONE_MERCHANT_ID;
  let webhook = endpoint(p.webhook);

  const engine = new PortOneEngine({
    clock,
    storeId,
    merchantId,
    emit: (event) => {
      if (webhook) deliveries.enqueue(portoneDelivery(event, webhook, clock));
    },
    emitBillingKey: (event) => {
      if (webhook) deliveries.enqueue({ provider: "portone", event: event.type, subject: event.billingKey, endpoint: webhook, body: billingKeyWebhookBody(event, clock.iso()) });
    },
    webhooksOf: (paymentId) => deliveries.list().filter((d) => d.provider === "portone" && d.subject === paymentId).map(toPaymentWebhook),
  });
  const api = portoneHandler({ secret, storeId, clock, engine, faults, idempotency });
  const controls: SandboxControls = {
    clock: { now: clock.now, iso: clock.iso, advance: clock.advance },
    faults: { inject: (input) => faults.add(input), list: () => faults.list(), clear: () => faults.clear() },
  };

  const ps = options.payssam ?? {};
  const payssamEngine = new PaySsamEngine({
    clock,
    points: ps.points ?? DEFAULT_PAYSSAM_POINTS,
    ...(ps.wallet !== undefined && { wallet: ps.wallet }),
    emit: (event) => void deliveries.enqueue(payssamDelivery(event)),
  });
  const payssamMerchants = ps.merchants ?? [ps.merchant ?? DEFAULT_PAYSSAM_MERCHANT];
  const payssamApi = payssamHandler({
    apiKey: ps.apiKey ?? DEFAULT_PAYSSAM_API_KEY,
    member: ps.member ?? DEFAULT_PAYSSAM_MEMBER,
    merchants: payssamMerchants,
    engine: payssamEngine,
    faults,
  });

  const g = options.global ?? {};
  const globalClientKey = g.clientKey ?? DEFAULT_GLOBAL_CLIENT_KEY;
  const globalSecretKey = g.secretKey ?? DEFAULT_GLOBAL_SECRET_KEY;
  let globalWebhook = globalEndpoint(g.webhook);
  const globalEngine = new GlobalEngine({
    clock,
    merchantId: g.merchantId ?? DEFAULT_GLOBAL_MERCHANT_ID,
    emit: (event) => {
      if (globalWebhook) deliveries.enqueue(globalDelivery(event, globalWebhook, globalSecretKey, globalClientKey));
    },
  });
  const globalApi = globalHandler({ clientKey: globalClientKey, secretKey: globalSecretKey, engine: globalEngine, faults });

  // The control API reaches the objects below; it is made at the first request, after they exist.
  let control: ReturnType<typeof controlHandler> | undefined;
  const withControl =
    (provider: Handler): Handler =>
    async (exchange, closing) => {
      try {
        return exchange.url.pathname === CONTROL_PREFIX || exchange.url.pathname.startsWith(`${CONTROL_PREFIX}/`)
          ? await (control ??= controlHandler(sandbox, portone))(exchange)
          : await provider(exchange, closing);
      } finally {
        // Reads too: the writer compares the state with the file's, and writes only what differs.
        changed();
      }
    };
  const handler = withControl(api);
  const payssamHandlerWithControl = withControl(payssamApi);
  const globalHandlerWithControl = withControl(globalApi);
  const fetch = inProcessFetch(handler, lifetime.signal);

  const portone: PortOneSandbox = {
    secret,
    storeId,
    merchantId,
    fetch,
    get webhook() {
      return webhook;
    },
    setWebhook: (next) => {
      webhook = endpoint(next);
    },
    pay: changing(changed, (input) => engine.pay(input)),
    fail: changing(changed, (input) => engine.fail(input)),
    issueVirtualAccount: changing(changed, (input) => engine.issueVirtualAccount(input)),
    deposit: changing(changed, (input) => engine.deposit(input)),
    payment: (paymentId) => {
      const found = engine.getPayment(paymentId);
      return found.ok ? found.value : undefined;
    },
    payments: () => engine.list(),
    checkouts: () => engine.checkouts(),
    schedules: () => engine.schedules(),
  };

  const payssam: PaySsamSandbox = {
    apiKey: ps.apiKey ?? DEFAULT_PAYSSAM_API_KEY,
    member: ps.member ?? DEFAULT_PAYSSAM_MEMBER,
    merchant: payssamMerchants[0]!,
    merchants: payssamMerchants,
    fetch: inProcessFetch(payssamHandlerWithControl, lifetime.signal),
    get points() {
      return payssamEngine.points;
    },
    set points(value) {
      payssamEngine.points = value;
      changed();
    },
    wallet: payssamEngine.wallet,
    merchantPoints: (merchant) => payssamEngine.merchantPoints(merchant),
    setMerchantPoints: changing(changed, (merchant: string, points: number) => payssamEngine.setMerchantPoints(merchant, points)),
    autoPayMethods: (merchant = payssamMerchants[0]!) => payssamEngine.autoPayMethods(merchant),
    approve: changing(changed, (billId: string, input?: ApproveInput) => payssamEngine.approve(billId, input)),
    bill: (billId) => payssamEngine.bill(billId),
    bills: () => payssamEngine.list(),
  };

  const global: PortOneGlobalSandbox = {
    clientKey: globalClientKey,
    secretKey: globalSecretKey,
    fetch: inProcessFetch(globalHandlerWithControl, lifetime.signal),
    get webhook() {
      return globalWebhook;
    },
    setWebhook: (next) => {
      globalWebhook = globalEndpoint(next);
    },
    complete: changing(changed, (orderRef: string, status: GlobalOutcome) => globalEngine.complete(orderRef, status)),
    payLink: changing(changed, (linkRef: string, status: GlobalOutcome, input?: PayLinkInput) => globalEngine.payLink(linkRef, status, input)),
    link: (linkRef) => globalEngine.link(linkRef),
    links: () => globalEngine.links(),
    redirectUrl: (orderRef) => globalEngine.redirect(orderRef, globalSecretKey),
    transaction: (orderRef) => globalEngine.transaction(orderRef),
    transactions: () => globalEngine.list(),
  };

  let closed: Promise<void> | undefined;
  const sandbox: Sandbox = {
    ...controls,
    portone,
    payssam,
    global,
    fetch,
    get deliveries() {
      return deliveries.list();
    },
    redeliver: (id) => deliveries.redeliver(id),
    settled: () => deliveries.settled(),
    reset: () => {
      engine.reset();
      payssamEngine.reset();
      globalEngine.reset();
      deliveries.clear();
      faults.clear();
      idempotency.clear();
      changed();
    },
    close: () =>
      (closed ??= (async () => {
        lifetime.abort();
        clock.stop();
        // The state is taken before the deliveries stop: an attempt cut short by the close stays pending in the file.
        const saved = writer?.close();
        await deliveries.close();
        await saved;
      })()),
  };

  if (file !== undefined) {
    const collect = (): SnapshotState => ({
      clock: { offsetMs: clock.offset() },
      portone: engine.snapshot(),
      payssam: payssamEngine.snapshot(),
      global: globalEngine.snapshot(),
      deliveries: deliveries.snapshot(),
      idempotency: idempotency.snapshot(),
    });
    if (restored) {
      try {
        engine.restore(restored.portone);
        payssamEngine.restore(restored.payssam);
        globalEngine.restore(restored.global);
        deliveries.restore(restored.deliveries, (d) => {
          const url = d.url;
          // The secret is configuration: a re-send is signed with the PortOne webhook secret configured now.
          if (d.provider === "portone") return { endpoint: d.signed ? { url, get secret() { return webhook?.secret ?? DEFAULT_WEBHOOK_SECRET; } } : { url } };
          return { endpoint: { url }, ...(d.provider === "payssam" && { acknowledged: payssamAcknowledged }) };
        });
        idempotency.restore(restored.idempotency);
      } catch (error) {
        clock.stop();
        throw new SnapshotError(file, `cannot be restored: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    }
    writer = new SnapshotWriter(file, collect, collect());
  }

  return { sandbox, handlers: { portone: handler, payssam: payssamHandlerWithControl, global: globalHandlerWithControl }, closing: lifetime.signal };
}

/**
 * The clock offset to restore: the file's, so that sandbox time went on while the sandbox was down (schedules and
 * re-sends that came due meanwhile run at the start); never behind the time the file was written, should the wall
 * clock have gone back.
 */
function restoredOffset(file: SnapshotFile): number {
  return file.clock.offsetMs + Math.max(0, Date.parse(file.writtenAt) - Date.now());
}

/** The clock with every change it makes told: `advance`, and each timer's task (a schedule run, a re-send). */
function watchedClock(clock: InternalClock, changed: () => void): InternalClock {
  return {
    ...clock,
    advance: (ms) => {
      const now = clock.advance(ms);
      changed();
      return now;
    },
    schedule: (at, task) =>
      clock.schedule(at, () => {
        task();
        changed();
      }),
  };
}

/** A control method that tells `changed` after it ran (also when it threw: part of it may have happened). */
function changing<A extends unknown[], R>(changed: () => void, method: (...args: A) => R): (...args: A) => R {
  return (...args) => {
    try {
      return method(...args);
    } finally {
      changed();
    }
  };
}

function endpoint(webhook: { readonly url: string; readonly secret?: string } | undefined): WebhookEndpoint | undefined {
  if (webhook === undefined) return undefined;
  if (typeof webhook.url !== "string" || !/^https?:\/\//.test(webhook.url)) throw new TypeError("webhook.url must be an http(s) URL");
  const secret = webhook.secret ?? DEFAULT_WEBHOOK_SECRET;
  webhookKey(secret);
  return { url: webhook.url, secret };
}

function globalEndpoint(webhook: { readonly url: string } | undefined): { readonly url: string } | undefined {
  if (webhook === undefined) return undefined;
  if (typeof webhook.url !== "string" || !/^https?:\/\//.test(webhook.url)) throw new TypeError("global webhook.url must be an http(s) URL");
  return { url: webhook.url };
}

function checkDelays(delays: readonly number[]): readonly number[] {
  if (!Array.isArray(delays) || !delays.every((d) => Number.isFinite(d) && d >= 0)) {
    throw new TypeError("webhooks.retryDelaysMs must be a list of milliseconds ≥ 0");
  }
  return delays;
}

/** The webhook of a PortOne event, payload version 2024-04-25 (`{ type, timestamp, data }`). */
function portoneDelivery(event: PaymentEvent, webhook: WebhookEndpoint, clock: SandboxClock) {
  const data = {
    storeId: event.storeId,
    paymentId: event.paymentId,
    transactionId: event.transactionId,
    ...(event.cancellationId !== undefined && { cancellationId: event.cancellationId }),
  };
  return {
    provider: "portone" as const,
    event: event.type,
    subject: event.paymentId,
    endpoint: webhook,
    body: JSON.stringify({ type: event.type, timestamp: clock.iso(), data }),
    meta: { paymentStatus: event.status, ...(event.trigger !== undefined && { trigger: event.trigger }) },
  };
}

/**
 * PaySsam's approval sync: the bill's read fields as JSON to its `callbackUrl`, unsigned (PaySsam signs nothing),
 * acknowledged only by a 2xx whose JSON `code` is "0000", and otherwise re-sent every hour for 24 hours.
 */
function payssamDelivery(event: ApprovalEvent) {
  return {
    provider: "payssam" as const,
    event: "approvalSync",
    subject: event.billId,
    endpoint: { url: event.callbackUrl },
    body: JSON.stringify(event.payload),
    meta: { apprState: event.payload.apprState },
    retryDelaysMs: PAYSSAM_RETRY_DELAYS_MS,
    acknowledged: payssamAcknowledged,
  };
}

/** PaySsam's acknowledgement of a callback: a 2xx whose JSON `code` is "0000". */
function payssamAcknowledged(status: number, text: string): boolean {
  if (status < 200 || status >= 300) return false;
  try {
    return (JSON.parse(text) as { code?: unknown } | null)?.code === "0000";
  } catch {
    return false;
  }
}

/**
 * PortOne Global's webhooks, as JSON to the one webhook URL; any 2xx acknowledges them, and their re-send schedule is
 * not documented (the sandbox's default applies). The payment webhook (the transaction) and the payment-link webhook
 * (with the PortOne Key as `portone_key` and its legacy name `chaipaykey`, as the provider's sample has it) are
 * signed in the body: `signature_hash` over the spec's field list, keyed with the PortOne Secret, no header. The
 * refund webhook carries no signature: PortOne Global documents none.
 */
function globalDelivery(event: GlobalEvent, webhook: { readonly url: string }, secretKey: string, clientKey: string) {
  const endpoint = { url: webhook.url };
  if (event.kind === "refund") {
    return { provider: "portone-global" as const, event: "refund", subject: event.orderRef, endpoint, body: JSON.stringify(event.payload), meta: { refundStatus: String(event.payload["refund_status"]) } };
  }
  if (event.kind === "paymentLink") {
    const payload = { ...event.payload, portone_key: clientKey, chaipaykey: clientKey };
    const body = { ...payload, signature_hash: globalSignature(secretKey, "PaymentLinkWebhook", payload) };
    return { provider: "portone-global" as const, event: "paymentLink", subject: event.linkRef, endpoint, body: JSON.stringify(body), meta: { status: String(event.payload["status"]) } };
  }
  const body = { ...event.payload, signature_hash: globalSignature(secretKey, "PaymentWebhook", event.payload) };
  return { provider: "portone-global" as const, event: "payment", subject: event.orderRef, endpoint, body: JSON.stringify(body), meta: { status: String(event.payload["status"]) } };
}

/** A delivery as PortOne lists it in `Payment.webhooks`. */
function toPaymentWebhook(d: Delivery): PortOnePaymentWebhook {
  const last = d.attempts.at(-1);
  const status = !last ? undefined : last.ok ? "SUCCEEDED" : last.status !== undefined ? "FAILED_NOT_OK_RESPONSE" : "FAILED_UNEXPECTED_ERROR";
  const trigger = last?.trigger === "manual" ? "MANUAL" : d.meta["trigger"];
  const header = (headers: Readonly<Record<string, string>>) =>
    Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}`)
      .join("\n");
  return {
    id: d.id,
    url: d.url,
    ...(d.meta["paymentStatus"] !== undefined && { paymentStatus: d.meta["paymentStatus"] as PortOnePaymentWebhook["paymentStatus"] & string }),
    ...(status !== undefined && { status }),
    isAsync: true,
    currentExecutionCount: d.attempts.length,
    maxExecutionCount: d.maxAttempts,
    ...(trigger !== undefined && { trigger: trigger as NonNullable<PortOnePaymentWebhook["trigger"]> }),
    request: { body: d.body, requestedAt: last?.at ?? d.createdAt },
    ...(last?.status !== undefined && {
      response: { code: String(last.status), header: header(last.responseHeaders ?? {}), body: last.responseBody ?? "", respondedAt: last.at },
    }),
    triggeredAt: d.createdAt,
  };
}

// ------------------------------------------------------------------------------------------ control API

/**
 * The control API, under /__sandbox/ on every provider's server (and through the in-process fetch). JSON in and out;
 * a control call that cannot be done answers the sandbox's own problem document (409 for a state that does not allow
 * it, 400 for a bad input, 404 for an unknown path).
 */
function controlHandler(sandbox: Sandbox, portone: PortOneSandbox) {
  return async (exchange: Exchange): Promise<Outcome> => {
    const path = exchange.url.pathname.slice(CONTROL_PREFIX.length) || "/";
    const method = exchange.method;
    let body: Record<string, unknown> = {};
    if (exchange.text.trim() !== "") {
      try {
        const parsed: unknown = JSON.parse(exchange.text);
        if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new TypeError();
        body = parsed as Record<string, unknown>;
      } catch {
        return problem(400, "Bad control input", "the body of a control call is a JSON object");
      }
    }
    try {
      // The dashboard (GET /__sandbox/ and its script and style sheet): static files driving the calls below.
      const asset = method === "GET" ? dashboardAsset(path) : undefined;
      if (asset) return asset;
      if (path === "/portone/checkouts" && method === "GET") return json(200, { items: portone.checkouts() });
      const checkout = /^\/portone\/payments\/([^/]+)\/(pay|fail|virtual-account|deposit)$/.exec(path);
      if (checkout && method === "POST") {
        const paymentId = decodeURIComponent(checkout[1]!);
        const input = { ...body, paymentId } as never;
        const action = checkout[2];
        const payment =
          action === "pay" ? portone.pay(input)
          : action === "fail" ? portone.fail(input)
          : action === "virtual-account" ? portone.issueVirtualAccount(input)
          : portone.deposit(input);
        return json(200, payment);
      }
      if (path === "/portone/payments" && method === "GET") return json(200, { items: portone.payments() });
      if (path === "/portone/schedules" && method === "GET") return json(200, { items: portone.schedules() });
      if (path === "/portone/webhook" && method === "GET") return json(200, { webhook: portone.webhook ? { url: portone.webhook.url } : null });
      const bill = /^\/payssam\/bills\/([^/]+)(\/approve)?$/.exec(path);
      if (bill && method === "POST" && bill[2]) return json(200, sandbox.payssam.approve(decodeURIComponent(bill[1]!), body as ApproveInput));
      if (bill && method === "GET" && !bill[2]) {
        const found = sandbox.payssam.bill(decodeURIComponent(bill[1]!));
        return found ? json(200, found) : problem(404, "Not Found", `no PaySsam bill ${decodeURIComponent(bill[1]!)}`);
      }
      if (path === "/payssam/bills" && method === "GET") return json(200, { items: sandbox.payssam.bills() });
      // PortOne Global: the buyer's payment page (`redirect_url` of initiatePayment) and its outcome.
      if (path === "/portone-global/transactions" && method === "GET") return json(200, { items: sandbox.global.transactions() });
      const transaction = /^\/portone-global\/transactions\/([^/]+)(\/complete)?$/.exec(path);
      if (transaction && method === "POST" && transaction[2]) {
        const orderRef = decodeURIComponent(transaction[1]!);
        const done = sandbox.global.complete(orderRef, (body["status"] ?? "Success") as GlobalOutcome);
        return json(200, { ...done, redirectUrl: sandbox.global.redirectUrl(orderRef) ?? null });
      }
      if (transaction && method === "GET" && !transaction[2]) {
        const orderRef = decodeURIComponent(transaction[1]!);
        const found = sandbox.global.transaction(orderRef);
        return found ? json(200, { ...found, redirectUrl: sandbox.global.redirectUrl(orderRef) ?? null }) : problem(404, "Not Found", `no PortOne Global transaction ${orderRef}`);
      }
      // PortOne Global's payment links: the hosted page (`payment_link` of createPaymentLink) and the buyer's outcome.
      if (path === "/portone-global/links" && method === "GET") return json(200, { items: sandbox.global.links() });
      const link = /^\/portone-global\/links\/([^/]+)(\/pay)?$/.exec(path);
      if (link && method === "POST" && link[2]) {
        const { status, ...how } = body;
        return json(200, sandbox.global.payLink(decodeURIComponent(link[1]!), (status ?? "Success") as GlobalOutcome, how as PayLinkInput));
      }
      if (link && method === "GET" && !link[2]) {
        const linkRef = decodeURIComponent(link[1]!);
        const found = sandbox.global.link(linkRef);
        return found ? json(200, found) : problem(404, "Not Found", `no PortOne Global payment link ${linkRef}`);
      }
      if (path === "/portone-global/webhook" && method === "GET") return json(200, { webhook: sandbox.global.webhook ?? null });
      if (path === "/portone-global/webhook" && method === "PUT") {
        sandbox.global.setWebhook(body["url"] === undefined ? undefined : { url: body["url"] as string });
        return json(200, { webhook: sandbox.global.webhook ?? null });
      }
      if (path === "/payssam/points" && method === "GET") return json(200, { points: sandbox.payssam.points });
      if (path === "/payssam/points" && method === "PUT") {
        sandbox.payssam.points = body["points"] as number;
        return json(200, { points: sandbox.payssam.points });
      }
      const merchantPoints = /^\/payssam\/merchants\/([^/]+)\/points$/.exec(path);
      if (merchantPoints && method === "GET") return json(200, { points: sandbox.payssam.merchantPoints(decodeURIComponent(merchantPoints[1]!)) });
      if (merchantPoints && method === "PUT") {
        const merchant = decodeURIComponent(merchantPoints[1]!);
        sandbox.payssam.setMerchantPoints(merchant, body["points"] as number);
        return json(200, { points: sandbox.payssam.merchantPoints(merchant) });
      }
      if (path === "/portone/webhook" && method === "PUT") {
        portone.setWebhook(body["url"] === undefined ? undefined : (body as { url: string; secret?: string }));
        return json(200, { webhook: portone.webhook ? { url: portone.webhook.url } : null });
      }
      if (path === "/deliveries" && method === "GET") return json(200, { items: sandbox.deliveries });
      const redeliver = /^\/deliveries\/([^/]+)\/redeliver$/.exec(path);
      if (redeliver && method === "POST") return json(200, { attempt: await sandbox.redeliver(decodeURIComponent(redeliver[1]!)) });
      if (path === "/clock" && method === "GET") return json(200, { now: sandbox.clock.iso() });
      if (path === "/clock/advance" && method === "POST") {
        sandbox.clock.advance(Number(body["ms"] ?? 0) + Number(body["seconds"] ?? 0) * 1000 + Number(body["minutes"] ?? 0) * 60_000);
        return json(200, { now: sandbox.clock.iso() });
      }
      if (path === "/faults" && method === "GET") return json(200, { items: sandbox.faults.list() });
      if (path === "/faults" && method === "POST") return json(200, sandbox.faults.inject(body as unknown as FaultInput));
      if (path === "/faults" && method === "DELETE") {
        sandbox.faults.clear();
        return json(200, { items: [] });
      }
      if (path === "/reset" && method === "POST") {
        sandbox.reset();
        return json(200, {});
      }
      return problem(404, "Not Found", `${method} ${CONTROL_PREFIX}${path} is not a control call of the sandbox`);
    } catch (error) {
      if (error instanceof CheckoutError) return problem(409, "Checkout refused", error.message, { code: error.code });
      if (error instanceof ApproveError) return problem(409, "Approval refused", error.message, { code: error.code });
      if (error instanceof CompleteError) return problem(409, "Completion refused", error.message, { code: error.code });
      if (error instanceof TypeError || error instanceof RangeError || error instanceof URIError) {
        return problem(400, "Bad control input", error.message);
      }
      throw error;
    }
  };
}
