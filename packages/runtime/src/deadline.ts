// The abort signal and timer of each attempt. Nothing here is module state: every transport (one per
// client) owns its deadlines, so one client's timer never touches another client's request.
//
// Where a runtime binds I/O objects to the request that made them (Cloudflare Workers: a signal or
// timer of one incoming request used by another throws "Cannot perform I/O on behalf of a different
// request"), every attempt gets its own controller and timer. On Node-like runtimes (Node, Bun, Deno)
// calls without a caller signal share one controller per timeout value, 100 ms window of start times
// and at most 64 calls: an AbortController per call costs about a tenth of a call's CPU in Node (every
// AbortSignal is made transferable), and undici keeps a listener on a fetch's signal until the next GC,
// so a signal shared by thousands of calls makes each fetch slower (measured with real fetches of a
// `data:` URL: 64 calls per signal cost the same per fetch as 16 or 1; 100,000 cost 35 % more). A
// shared signal aborts at its window's last deadline: a request times out between `timeoutMs` and
// `timeoutMs + 100 ms` after it started. Either way no timer keeps a process alive after its last call: a call's own timer is cleared
// when it ends, and a shared one is unref'd (it exists only where `unref` does) and cleared once its
// window has closed and its last call ended.

/** The signal of one attempt and whether its deadline (not the caller) aborted it. */
export interface Deadline {
  readonly signal: AbortSignal;
  /** True once the deadline has passed and the signal was aborted by it. */
  expired(): boolean;
  /** The attempt has ended: its share of the timer is released. */
  release(): void;
}

export interface Deadlines {
  /** A deadline `ms` from now; with a caller `signal`, one of its own that the caller's abort also aborts. */
  start(ms: number, caller: AbortSignal | undefined): Deadline;
}

/** Most calls that share one signal. */
const SHARED_CALLS = 64;

/** Window in which calls share a signal: a tenth of a second, or a fiftieth of short timeouts. */
export const granularity = (ms: number): number => Math.min(100, Math.ceil(ms / 50));

/**
 * Whether this runtime lets one signal serve calls made on behalf of different incoming requests:
 * Node and the runtimes that present themselves as Node (Bun, Deno), but not Cloudflare Workers, even
 * with `nodejs_compat`, nor an edge runtime.
 */
export function canShareSignals(global: typeof globalThis = globalThis): boolean {
  const process = (global as { process?: { versions?: { node?: unknown } } }).process;
  const agent = (global as { navigator?: { userAgent?: unknown } }).navigator?.userAgent;
  const edge = (global as { EdgeRuntime?: unknown }).EdgeRuntime;
  return typeof process?.versions?.node === "string" && agent !== "Cloudflare-Workers" && edge === undefined;
}

interface Shared {
  readonly controller: AbortController;
  readonly timer: ReturnType<typeof setTimeout>;
  readonly openUntil: number;
  uses: number;
  active: number;
  expired: boolean;
  readonly deadline: Deadline;
}

/** The deadlines of one transport. `share` decides whether calls without a caller signal may share one. */
export function createDeadlines(share: boolean = canShareSignals()): Deadlines {
  const open = new Map<number, Shared>();

  function own(ms: number, caller: AbortSignal | undefined): Deadline {
    const controller = new AbortController();
    let expired = false;
    const timer = setTimeout(() => {
      expired = true;
      controller.abort();
    }, ms);
    const onAbort = caller ? () => controller.abort(caller.reason) : undefined;
    if (onAbort) caller?.addEventListener("abort", onAbort, { once: true });
    return {
      signal: controller.signal,
      expired: () => expired,
      release() {
        clearTimeout(timer);
        if (onAbort) caller?.removeEventListener("abort", onAbort);
      },
    };
  }

  function shared(ms: number): Deadline {
    const now = Date.now();
    let entry = open.get(ms);
    if (!entry || entry.uses >= SHARED_CALLS || now >= entry.openUntil || entry.expired) {
      const controller = new AbortController();
      const created: Shared = {
        controller,
        openUntil: now + granularity(ms),
        uses: 0,
        active: 0,
        expired: false,
        timer: setTimeout(() => {
          created.expired = true;
          controller.abort();
          if (open.get(ms) === created) open.delete(ms);
        }, ms + granularity(ms)),
        deadline: {
          signal: controller.signal,
          expired: () => created.expired,
          release() {
            // The last call of a closed window ends: its timer goes too.
            if (--created.active === 0 && (Date.now() >= created.openUntil || created.uses >= SHARED_CALLS)) {
              clearTimeout(created.timer);
              if (open.get(ms) === created) open.delete(ms);
            }
          },
        },
      };
      // Kept for the calls of its window even when none is active, so it must not keep the process
      // alive: a pending request holds the process open by its socket, not by its deadline.
      (created.timer as { unref?: () => void }).unref?.();
      entry = created;
      open.set(ms, entry);
    }
    entry.uses++;
    entry.active++;
    // One object for every call of the window (the transport releases each call once): nothing allocated per call.
    return entry.deadline;
  }

  return { start: (ms, caller) => (caller || !share ? own(ms, caller) : shared(ms)) };
}
