// Faults on demand: what can go wrong between an app and a provider, chosen per request (the `x-sandbox-fault`
// header) or queued for the next N calls of an operation (control API). Every provider of the sandbox runs its
// operations through the same faults.

import { problem, reply, sleep, type Exchange, type Outcome } from "./exchange.js";

/** The request header that asks for a fault on that one request. */
export const FAULT_HEADER = "x-sandbox-fault";

/**
 * What happens to a call:
 * - `latencyMs`: the provider takes this long before it answers (the change, if any, is applied after the wait);
 * - `status`: the provider's gateway answers this status (e.g. 503) and applies nothing;
 * - `drop: "reset"`: the connection is reset before the provider sees the request (nothing applied);
 * - `drop: "stall"`: no answer at all, until the client gives up (nothing applied);
 * - `drop: "lost-answer"`: the change is applied and committed, then the connection is dropped before the answer.
 */
export interface Fault {
  readonly latencyMs?: number;
  readonly status?: number;
  readonly drop?: "reset" | "stall" | "lost-answer";
}

/** A fault queued for the next `times` calls (of `operation`, or of any operation). */
export interface QueuedFault {
  readonly id: string;
  /** An operationId of the provider's spec (`cancelPayment`), or every operation when absent. */
  readonly operation?: string;
  /** How many more calls it applies to. */
  readonly remaining: number;
  readonly fault: Fault;
}

export interface FaultInput {
  readonly operation?: string;
  /** How many calls (default 1). */
  readonly times?: number;
  /** A fault, or its header form (`"lost-answer"`, `"latency=2000"`, `"status=503"`, `"latency=500,reset"`). */
  readonly fault: Fault | string;
}

const MAX_LATENCY_MS = 10 * 60_000;

/** Parses the header form: items separated by commas, `;` or spaces. Returns a message for a form it cannot read. */
export function parseFault(text: string): Fault | { readonly error: string } {
  let latencyMs: number | undefined;
  let status: number | undefined;
  let drop: Fault["drop"];
  for (const item of text.split(/[\s,;]+/).filter(Boolean)) {
    const [name, value, ...rest] = item.split("=");
    if (rest.length > 0) return { error: `cannot read "${item}"` };
    if (name === "latency" && value !== undefined && /^\d+$/.test(value) && Number(value) <= MAX_LATENCY_MS) latencyMs = Number(value);
    else if (name === "status" && value !== undefined && /^[45]\d\d$/.test(value)) status = Number(value);
    else if ((name === "reset" || name === "stall" || name === "lost-answer") && value === undefined) {
      if (drop !== undefined) return { error: `choose one of reset, stall and lost-answer, not ${drop} and ${name}` };
      drop = name;
    } else {
      return { error: `cannot read "${item}": expected latency=MS (≤ ${MAX_LATENCY_MS}), status=CODE (4xx or 5xx), reset, stall or lost-answer` };
    }
  }
  if (status !== undefined && drop !== undefined) return { error: `status=${status} and ${drop} exclude each other` };
  if (latencyMs === undefined && status === undefined && drop === undefined) return { error: "names no fault" };
  return { ...(latencyMs !== undefined && { latencyMs }), ...(status !== undefined && { status }), ...(drop !== undefined && { drop }) };
}

/** Checks a fault given as an object; returns it, or a message. */
export function readFault(input: Fault | string): Fault | { readonly error: string } {
  if (typeof input === "string") return parseFault(input);
  if (typeof input !== "object" || input === null) return { error: "a fault is an object or its header form" };
  const parts: string[] = [];
  if (input.latencyMs !== undefined) parts.push(`latency=${String(input.latencyMs)}`);
  if (input.status !== undefined) parts.push(`status=${String(input.status)}`);
  if (input.drop !== undefined) parts.push(String(input.drop));
  return parseFault(parts.join(","));
}

/** The faults queued for coming calls, taken in the order they were added. */
export class FaultQueue {
  #entries: { id: string; operation: string | undefined; remaining: number; fault: Fault }[] = [];
  #seq = 0;

  /** Queues a fault; throws a `TypeError` naming what is wrong with the input. */
  add(input: FaultInput): QueuedFault {
    const fault = readFault(input?.fault);
    if ("error" in fault) throw new TypeError(`fault: ${fault.error}`);
    const times = input.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new TypeError(`fault: times must be a whole number ≥ 1, not ${String(times)}`);
    if (input.operation !== undefined && (typeof input.operation !== "string" || input.operation === "")) {
      throw new TypeError("fault: operation must be an operationId");
    }
    const entry = { id: `fault-${++this.#seq}`, operation: input.operation, remaining: times, fault };
    this.#entries.push(entry);
    return this.#view(entry);
  }

  /** The fault for this call of `operation`, if one is queued (one use of it is spent). */
  take(operation: string): Fault | undefined {
    const entry = this.#entries.find((e) => e.operation === undefined || e.operation === operation);
    if (!entry) return undefined;
    entry.remaining--;
    if (entry.remaining === 0) this.#entries.splice(this.#entries.indexOf(entry), 1);
    return entry.fault;
  }

  list(): QueuedFault[] {
    return this.#entries.map((e) => this.#view(e));
  }

  clear(): void {
    this.#entries = [];
  }

  #view(e: { id: string; operation: string | undefined; remaining: number; fault: Fault }): QueuedFault {
    return { id: e.id, ...(e.operation !== undefined && { operation: e.operation }), remaining: e.remaining, fault: e.fault };
  }
}

/**
 * The fault of one request, as every provider's API applies it: what the request's header asks for (which wins; a
 * queued fault is then not spent), else the next one queued for `operation`. A fault in front of the provider (a
 * status from its gateway, a reset, a stall) is the request's whole outcome, after its latency, and nothing is
 * applied. Any other fault (latency alone, a lost answer) is the provider's to apply: `{ fault }`.
 */
export async function frontFault(
  exchange: Exchange,
  operation: string,
  faults: FaultQueue,
  closing: AbortSignal,
): Promise<{ readonly outcome: Outcome; readonly fault?: undefined } | { readonly outcome?: undefined; readonly fault: Fault | undefined }> {
  const header = exchange.headers.get(FAULT_HEADER);
  let fault: Fault | undefined;
  if (header !== null) {
    const parsed = parseFault(header);
    if ("error" in parsed) return { outcome: problem(400, "Bad fault header", `${FAULT_HEADER}: ${parsed.error}`) };
    fault = parsed;
  } else {
    fault = faults.take(operation);
  }
  if (fault?.status === undefined && fault?.drop !== "reset" && fault?.drop !== "stall") return { fault };
  if (fault.latencyMs !== undefined && !(await sleep(fault.latencyMs, closing))) return { outcome: { kind: "reset" } };
  if (fault.drop === "reset") return { outcome: { kind: "reset" } };
  if (fault.drop === "stall") return { outcome: { kind: "stall" } };
  return { outcome: reply(fault.status!, `sandbox fault: HTTP ${fault.status} from the gateway; the request was not processed`, { "content-type": "text/plain; charset=utf-8" }) };
}
