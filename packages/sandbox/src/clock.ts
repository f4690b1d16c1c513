// The sandbox clock: wall time plus an offset that `advance` moves forward. Every timestamp the sandbox writes
// (payments, cancellations, webhook payloads, token and idempotency-key expiry) and every timer it schedules
// (webhook redeliveries) reads this clock, so a test can jump hours ahead without waiting.

export interface SandboxClock {
  /** Sandbox time in milliseconds since the epoch. */
  now(): number;
  /** Sandbox time as an RFC 3339 string (UTC). */
  iso(): string;
  /** Moves sandbox time forward by `ms` (≥ 0) and runs every timer that became due, in order. Returns the new time. */
  advance(ms: number): number;
  /**
   * Runs `task` once sandbox time reaches `at`: when `advance` passes it, or when wall time catches up with it.
   * Returns a function that cancels it.
   */
  schedule(at: number, task: () => void): () => void;
  /** Cancels every pending timer (the sandbox is closing). */
  stop(): void;
}

export interface ClockOptions {
  /** Where sandbox time starts (default: now). Later it runs at wall-clock speed from there. */
  readonly start?: Date | string | number;
}

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly task: () => void;
  handle: ReturnType<typeof setTimeout> | undefined;
}

/** setTimeout's limit; a timer further away is re-armed when it fires early. */
const MAX_DELAY = 2 ** 31 - 1;

/** The clock as the sandbox holds it: also its offset from wall time, which a snapshot keeps. */
export interface InternalClock extends SandboxClock {
  /** Sandbox time minus wall time, in milliseconds. */
  offset(): number;
}

/** A clock from `options`, or, with `offsetMs` (a restored snapshot's), at that offset from wall time. */
export function createClock(options: ClockOptions = {}, offsetMs?: number): InternalClock {
  const start = options.start === undefined ? Date.now() : new Date(options.start).getTime();
  if (!Number.isFinite(start)) throw new TypeError(`clock.start is not a date: ${String(options.start)}`);
  let offset = offsetMs ?? start - Date.now();
  let seq = 0;
  const timers = new Set<Timer>();

  const now = () => Date.now() + offset;

  function arm(timer: Timer) {
    if (timer.handle !== undefined) clearTimeout(timer.handle);
    const delay = Math.min(Math.max(timer.at - now(), 0), MAX_DELAY);
    timer.handle = setTimeout(() => fire(timer), delay);
    // The sandbox's servers (or the test) keep the process alive; a pending redelivery must not.
    timer.handle.unref?.();
  }

  function fire(timer: Timer) {
    if (!timers.has(timer)) return;
    if (timer.at > now()) return arm(timer);
    timers.delete(timer);
    if (timer.handle !== undefined) clearTimeout(timer.handle);
    timer.task();
  }

  return {
    now,
    offset: () => offset,
    iso: () => new Date(now()).toISOString(),
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`clock.advance takes a number of milliseconds ≥ 0, not ${String(ms)}`);
      offset += ms;
      const due = [...timers].filter((t) => t.at <= now()).sort((a, b) => a.at - b.at || a.seq - b.seq);
      for (const timer of due) fire(timer);
      for (const timer of timers) arm(timer);
      return now();
    },
    schedule(at, task) {
      const timer: Timer = { at, seq: seq++, task, handle: undefined };
      timers.add(timer);
      arm(timer);
      return () => {
        timers.delete(timer);
        if (timer.handle !== undefined) clearTimeout(timer.handle);
      };
    },
    stop() {
      for (const timer of timers) if (timer.handle !== undefined) clearTimeout(timer.handle);
      timers.clear();
    },
  };
}
