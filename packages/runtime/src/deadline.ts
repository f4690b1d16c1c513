// One timer for every pending request of the process instead of one per call: a `setTimeout` per
// call was the largest per-call cost at high concurrency. Entries live in a Set; the timer is
// armed for the earliest deadline and, when it fires, aborts what has expired and re-arms.
interface Entry {
  readonly at: number;
  readonly expire: () => void;
}

const entries = new Set<Entry>();
let timer: ReturnType<typeof setTimeout> | undefined;
let armedAt = Number.POSITIVE_INFINITY;

function arm(at: number): void {
  if (timer !== undefined) clearTimeout(timer);
  armedAt = at;
  timer = setTimeout(fire, Math.max(0, at - Date.now()));
}

function fire(): void {
  timer = undefined;
  armedAt = Number.POSITIVE_INFINITY;
  const now = Date.now();
  let next = Number.POSITIVE_INFINITY;
  for (const entry of entries) {
    if (entry.at <= now) {
      entries.delete(entry);
      entry.expire();
    } else if (entry.at < next) next = entry.at;
  }
  if (next !== Number.POSITIVE_INFINITY) arm(next);
}

/** Calls `expire` after `ms` unless the returned entry is cancelled first. */
export function addDeadline(ms: number, expire: () => void): Entry {
  const entry = { at: Date.now() + ms, expire };
  entries.add(entry);
  if (entry.at < armedAt) arm(entry.at);
  return entry;
}

export function cancelDeadline(entry: Entry): void {
  entries.delete(entry);
  if (entries.size === 0 && timer !== undefined) {
    clearTimeout(timer);
    timer = undefined;
    armedAt = Number.POSITIVE_INFINITY;
  }
}

// Calls without a caller signal share one AbortSignal per timeout value, short window of start
// times and at most SHARED_CALLS calls: creating an AbortController costs more CPU than the rest of
// a call (Node makes every AbortSignal transferable), while undici leaves a weakly held listener on
// the signal of every fetch until the next GC, and Node checks every listener already there before
// it adds one — so a signal shared by thousands of requests makes each fetch slower. A shared signal
// aborts at its window's last deadline: a request times out between `timeoutMs` and
// `timeoutMs + granularity` after it started.
const SHARED_CALLS = 16;
interface Bucket {
  readonly signal: AbortSignal;
  readonly openUntil: number;
  uses: number;
}
const buckets = new Map<number, Bucket>();

/** Window in which calls share a signal: a tenth of a second, or a fiftieth of short timeouts. */
export const granularity = (ms: number): number => Math.min(100, Math.ceil(ms / 50));

/** A signal shared by calls started in the same window with the same timeout; it aborts when the last of them is due. */
export function sharedDeadline(ms: number): AbortSignal {
  const now = Date.now();
  const current = buckets.get(ms);
  if (current && current.uses < SHARED_CALLS && now < current.openUntil && !current.signal.aborted) {
    current.uses++;
    return current.signal;
  }
  const window = granularity(ms);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms + window);
  (timer as { unref?: () => void }).unref?.();
  buckets.set(ms, { signal: controller.signal, openUntil: now + window, uses: 1 });
  return controller.signal;
}
