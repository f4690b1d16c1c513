// Webhooks delivered to the app: one `Delivery` per event, attempted at once, re-sent with backoff while the app
// answers anything but 2xx (or cannot be reached), each attempt logged with its status and latency, and re-sent by
// hand on demand. The schedule runs on the sandbox clock, so `clock.advance` fires due redeliveries.
import { createHmac } from "node:crypto";
import type { SandboxClock } from "./clock.js";
import { copy, partOf, recordsOf, type SnapshotPart } from "./state.js";

/**
 * PortOne's schedule: the first attempt at once, then up to 5 re-sends after 1, 4, 16, 64 and 256 minutes (its
 * webhook guide; the provider adds a random jitter, the sandbox does not, so that tests are exact).
 */
export const PORTONE_RETRY_DELAYS_MS: readonly number[] = [1, 4, 16, 64, 256].map((minutes) => minutes * 60_000);
/** PortOne's connection and read timeouts for a delivery (30 s each; one limit for the whole attempt here). */
export const PORTONE_DELIVERY_TIMEOUT_MS = 30_000;
/** PaySsam's schedule for an approval callback not acknowledged: every hour for 24 hours (its V1 callback page). */
export const PAYSSAM_RETRY_DELAYS_MS: readonly number[] = Array.from({ length: 24 }, () => 60 * 60_000);

/** Bytes of the app's answer kept in the log. */
const KEPT_RESPONSE_CHARS = 2000;

export interface DeliveryAttempt {
  /** 1 for the first attempt. */
  readonly number: number;
  /** `event` for the first attempt, `retry` for a scheduled re-send, `manual` for `redeliver`. */
  readonly trigger: "event" | "retry" | "manual";
  /** Sandbox time the attempt started. */
  readonly at: string;
  /** The app's HTTP status; absent when no answer came. */
  readonly status?: number;
  /** The app's answer (the first 2,000 characters) and its headers. */
  readonly responseBody?: string;
  readonly responseHeaders?: Readonly<Record<string, string>>;
  /** Why no answer came (connection refused, timeout, …). */
  readonly error?: string;
  /** Wall-clock milliseconds from sending to the whole answer (or the failure). */
  readonly latencyMs: number;
  readonly ok: boolean;
}

export interface Delivery {
  /** The message id, sent as `webhook-id` on every attempt (the same on re-sends: the app de-duplicates with it). */
  readonly id: string;
  readonly provider: DeliveryProvider;
  /** The event type (`Transaction.Paid`, PaySsam's `approvalSync`, …). */
  readonly event: string;
  /** The resource it is about (a paymentId, a billId). */
  readonly subject: string;
  readonly url: string;
  /** The exact body sent, the same on every attempt. */
  readonly body: string;
  /** Sandbox time of the event. */
  readonly createdAt: string;
  /** `pending` until an attempt succeeds or the schedule is spent (`failed`). A manual re-send can still succeed. */
  readonly state: "pending" | "succeeded" | "failed";
  readonly attempts: readonly DeliveryAttempt[];
  /** Sandbox time of the next scheduled attempt, while one is scheduled. */
  readonly nextAttemptAt?: string;
  /** How many attempts the schedule allows (the first plus the re-sends). */
  readonly maxAttempts: number;
  /** Extra facts a provider records with the event (PortOne: the payment status when it was sent, the trigger). */
  readonly meta: Readonly<Record<string, string>>;
}

export type DeliveryProvider = "portone" | "payssam" | "portone-global";

export interface WebhookEndpoint {
  readonly url: string;
  /** The Standard Webhooks secret: `whsec_` and the key in base64. Absent: sent unsigned (PaySsam signs nothing). */
  readonly secret?: string;
}

/** What a provider adds to one event: its own re-send schedule and what counts as an acknowledgement. */
export interface DeliveryInput {
  provider: DeliveryProvider;
  event: string;
  subject: string;
  endpoint: WebhookEndpoint;
  body: string;
  meta?: Record<string, string>;
  /** This delivery's waits before each re-send (default: the sandbox's `retryDelaysMs`). */
  retryDelaysMs?: readonly number[];
  /** Whether the app's answer acknowledges the event (default: any 2xx). */
  acknowledged?: (status: number, body: string) => boolean;
}

export interface DeliveryOptions {
  readonly retryDelaysMs: readonly number[];
  readonly timeoutMs: number;
  /** How deliveries are sent (default: the global fetch when the sandbox was created). */
  readonly fetch: typeof globalThis.fetch;
  /** Told after each change to the log (an event recorded, an attempt made, the log cleared): snapshots. */
  readonly onChange?: () => void;
}

/** A delivery as a snapshot holds it: its endpoint without the secret, which is configuration (`signed` says it had one). */
interface KeptDelivery extends Omit<Delivery, "url" | "nextAttemptAt" | "maxAttempts"> {
  readonly url: string;
  readonly signed: boolean;
  readonly nextAttemptAt: number | undefined;
  readonly retryDelaysMs: readonly number[];
}

/** What a restored delivery is sent with: its endpoint (the secret signing it now) and what acknowledges it. */
export type RestoredEndpoint = (delivery: { readonly provider: DeliveryProvider; readonly url: string; readonly signed: boolean }) => {
  readonly endpoint: WebhookEndpoint;
  readonly acknowledged?: (status: number, body: string) => boolean;
};

/** The key of a Standard Webhooks secret: the bytes of its base64 after an optional `whsec_`. */
export function webhookKey(secret: string): Uint8Array {
  const base64 = secret.startsWith("whsec_") ? secret.slice(6) : secret;
  const key = Buffer.from(base64, "base64");
  if (key.length === 0 || key.toString("base64").replace(/=+$/, "") !== base64.replace(/=+$/, "")) {
    throw new TypeError("a webhook secret is whsec_ followed by the key in base64");
  }
  return key;
}

/** Standard Webhooks headers for one attempt: `v1,` and the base64 HMAC-SHA256 of `id.timestamp.body`. */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): Record<string, string> {
  const signature = createHmac("sha256", webhookKey(secret)).update(`${id}.${timestampSeconds}.${body}`).digest("base64");
  return { "webhook-id": id, "webhook-timestamp": String(timestampSeconds), "webhook-signature": `v1,${signature}` };
}

interface Entry {
  id: string;
  provider: DeliveryProvider;
  event: string;
  subject: string;
  endpoint: WebhookEndpoint;
  body: string;
  createdAt: string;
  state: Delivery["state"];
  attempts: DeliveryAttempt[];
  nextAttemptAt: number | undefined;
  cancelRetry: (() => void) | undefined;
  meta: Record<string, string>;
  retryDelaysMs: readonly number[];
  acknowledged: (status: number, body: string) => boolean;
}

export class Deliveries {
  readonly #clock: SandboxClock;
  readonly #options: DeliveryOptions;
  readonly #entries: Entry[] = [];
  readonly #inFlight = new Set<Promise<unknown>>();
  #closed = false;
  readonly #abort = new AbortController();

  constructor(clock: SandboxClock, options: DeliveryOptions) {
    this.#clock = clock;
    this.#options = options;
  }

  /** Records an event for `endpoint` and makes its first attempt at once (not awaited: see `settled`). */
  enqueue(input: DeliveryInput): Delivery {
    const entry: Entry = {
      id: globalThis.crypto.randomUUID(),
      provider: input.provider,
      event: input.event,
      subject: input.subject,
      endpoint: input.endpoint,
      body: input.body,
      createdAt: this.#clock.iso(),
      state: "pending",
      attempts: [],
      nextAttemptAt: undefined,
      cancelRetry: undefined,
      meta: { ...input.meta },
      retryDelaysMs: input.retryDelaysMs ?? this.#options.retryDelaysMs,
      acknowledged: input.acknowledged ?? ((status) => status >= 200 && status < 300),
    };
    this.#entries.push(entry);
    this.#track(this.#attempt(entry, "event"));
    this.#options.onChange?.();
    return this.#view(entry);
  }

  list(): Delivery[] {
    return this.#entries.map((e) => this.#view(e));
  }

  get(id: string): Delivery | undefined {
    const entry = this.#entries.find((e) => e.id === id);
    return entry && this.#view(entry);
  }

  /** Sends a delivery again now, whatever its state; resolves with that attempt. Throws for an unknown id. */
  async redeliver(id: string): Promise<DeliveryAttempt> {
    const entry = this.#entries.find((e) => e.id === id);
    if (!entry) throw new RangeError(`no webhook delivery ${id}`);
    const attempt = this.#attempt(entry, "manual");
    this.#track(attempt);
    return attempt;
  }

  /** Resolves when no attempt is in flight (attempts scheduled for later are not waited for). */
  async settled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  clear(): void {
    for (const entry of this.#entries) entry.cancelRetry?.();
    this.#entries.length = 0;
    this.#options.onChange?.();
  }

  /**
   * The log for a snapshot file, secrets left out. A delivery still pending keeps its next attempt; one whose
   * attempt is in flight right now (pending, nothing scheduled) is written as due now, so that after a restart it is
   * sent again — at least once, with the same `webhook-id` for the app to de-duplicate.
   */
  snapshot(): SnapshotPart {
    const now = this.#clock.now();
    const deliveries: KeptDelivery[] = this.#entries.map((e) => ({
      id: e.id,
      provider: e.provider,
      event: e.event,
      subject: e.subject,
      url: e.endpoint.url,
      signed: e.endpoint.secret !== undefined,
      body: e.body,
      createdAt: e.createdAt,
      state: e.state,
      attempts: e.attempts,
      nextAttemptAt: e.state === "pending" ? (e.nextAttemptAt ?? now) : undefined,
      meta: e.meta,
      retryDelaysMs: e.retryDelaysMs,
    }));
    return { deliveries };
  }

  /**
   * Replaces the log with a snapshot's. Each pending delivery is re-armed on the clock at its next attempt (one that
   * came due while the sandbox was down is sent at once), with the endpoint `endpointOf` gives it.
   */
  restore(data: unknown, endpointOf: RestoredEndpoint): void {
    const kept = recordsOf<KeptDelivery>(copy(partOf(data, "deliveries"))["deliveries"], "deliveries.deliveries");
    const entries = kept.map((d, i): Entry => {
      const at = `deliveries.deliveries[${i}]`;
      if (typeof d.id !== "string" || typeof d.url !== "string" || typeof d.body !== "string") throw new TypeError(`${at}: no id, url or body`);
      if (!["portone", "payssam", "portone-global"].includes(d.provider)) throw new TypeError(`${at}: unknown provider ${String(d.provider)}`);
      if (!["pending", "succeeded", "failed"].includes(d.state)) throw new TypeError(`${at}: unknown state ${String(d.state)}`);
      if (!Array.isArray(d.attempts) || !Array.isArray(d.retryDelaysMs)) throw new TypeError(`${at}: no attempts or retryDelaysMs`);
      const { endpoint, acknowledged } = endpointOf({ provider: d.provider, url: d.url, signed: d.signed === true });
      return {
        id: d.id,
        provider: d.provider,
        event: d.event,
        subject: d.subject,
        endpoint,
        body: d.body,
        createdAt: d.createdAt,
        state: d.state,
        attempts: d.attempts as DeliveryAttempt[],
        nextAttemptAt: undefined,
        cancelRetry: undefined,
        meta: { ...partOf(d.meta, `${at}.meta`) } as Record<string, string>,
        retryDelaysMs: d.retryDelaysMs,
        acknowledged: acknowledged ?? ((status) => status >= 200 && status < 300),
      };
    });
    for (const entry of this.#entries) entry.cancelRetry?.();
    this.#entries.length = 0;
    kept.forEach((d, i) => {
      const entry = entries[i]!;
      this.#entries.push(entry);
      if (entry.state === "pending" && typeof d.nextAttemptAt === "number") this.#armRetry(entry, d.nextAttemptAt);
    });
  }

  /** Stops every scheduled re-send and aborts attempts in flight. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const entry of this.#entries) entry.cancelRetry?.();
    this.#abort.abort();
    await this.settled();
  }

  #track(promise: Promise<unknown>) {
    const tracked = promise.catch(() => {}).finally(() => this.#inFlight.delete(tracked));
    this.#inFlight.add(tracked);
  }

  async #attempt(entry: Entry, trigger: DeliveryAttempt["trigger"]): Promise<DeliveryAttempt> {
    const number = entry.attempts.length + 1;
    const at = this.#clock.iso();
    // `webhook-timestamp` is wall-clock time, not sandbox time: the app compares it with its own clock (300 s
    // tolerance), and a sandbox clock moved hours ahead would make every delivery "too old" or "in the future".
    const headers = {
      "content-type": "application/json",
      "user-agent": "payspec-sandbox",
      ...(entry.endpoint.secret !== undefined && signWebhook(entry.endpoint.secret, entry.id, Math.floor(Date.now() / 1000), entry.body)),
    };
    const started = performance.now();
    let attempt: DeliveryAttempt;
    try {
      const signal = AbortSignal.any([this.#abort.signal, AbortSignal.timeout(this.#options.timeoutMs)]);
      const response = await this.#options.fetch(entry.endpoint.url, { method: "POST", headers, body: entry.body, signal, redirect: "manual" });
      const text = await response.text();
      const responseHeaders: Record<string, string> = {};
      response.headers.forEach((value, name) => (responseHeaders[name] = value));
      attempt = {
        number,
        trigger,
        at,
        status: response.status,
        responseBody: text.slice(0, KEPT_RESPONSE_CHARS),
        responseHeaders,
        latencyMs: Math.round(performance.now() - started),
        ok: entry.acknowledged(response.status, text),
      };
    } catch (error) {
      attempt = { number, trigger, at, error: describe(error), latencyMs: Math.round(performance.now() - started), ok: false };
    }
    entry.attempts.push(attempt);
    // A success ends the schedule (a manual one too); a failed manual re-send leaves the schedule as it was.
    if (attempt.ok) {
      entry.state = "succeeded";
      entry.cancelRetry?.();
      entry.cancelRetry = undefined;
      entry.nextAttemptAt = undefined;
    } else if (trigger !== "manual" && entry.state === "pending") {
      this.#scheduleRetry(entry);
    }
    this.#options.onChange?.();
    return attempt;
  }

  #scheduleRetry(entry: Entry) {
    // The n-th scheduled attempt (n counts only the schedule's own attempts: manual ones do not spend it).
    const scheduled = entry.attempts.filter((a) => a.trigger !== "manual").length;
    const delay = entry.retryDelaysMs[scheduled - 1];
    if (delay === undefined || this.#closed) {
      entry.state = "failed";
      entry.nextAttemptAt = undefined;
      return;
    }
    this.#armRetry(entry, this.#clock.now() + delay);
  }

  #armRetry(entry: Entry, at: number) {
    entry.nextAttemptAt = at;
    entry.cancelRetry = this.#clock.schedule(at, () => {
      entry.cancelRetry = undefined;
      entry.nextAttemptAt = undefined;
      this.#track(this.#attempt(entry, "retry"));
    });
  }

  #view(e: Entry): Delivery {
    return {
      id: e.id,
      provider: e.provider,
      event: e.event,
      subject: e.subject,
      url: e.endpoint.url,
      body: e.body,
      createdAt: e.createdAt,
      state: e.state,
      attempts: [...e.attempts],
      ...(e.nextAttemptAt !== undefined && { nextAttemptAt: new Date(e.nextAttemptAt).toISOString() }),
      maxAttempts: e.retryDelaysMs.length + 1,
      meta: { ...e.meta },
    };
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === "TimeoutError") return "timeout";
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return `${error.message}${cause}`;
  }
  return String(error);
}
