// Idempotency keys: the first request with a key is processed and its answer kept; a repeat with the same key and
// the same request gets that answer again and changes nothing; a repeat with another request is a conflict; a
// repeat while the first is still being processed is told so. What the conflicts are answered with is the
// provider's business (see portone/api.ts).
import type { SandboxClock } from "./clock.js";
import type { Reply } from "./exchange.js";

export type KeyLookup =
  | { readonly kind: "new"; finish(reply: Reply): void; abandon(): void }
  | { readonly kind: "replay"; readonly reply: Reply }
  | { readonly kind: "conflict" }
  | { readonly kind: "outstanding" };

interface Entry {
  readonly fingerprint: string;
  readonly expiresAt: number;
  reply: Reply | undefined;
}

export class IdempotencyStore {
  readonly #clock: SandboxClock;
  readonly #ttlMs: number;
  readonly #entries = new Map<string, Entry>();

  constructor(clock: SandboxClock, ttlMs: number) {
    this.#clock = clock;
    this.#ttlMs = ttlMs;
  }

  /** Looks `key` up for a request of this `fingerprint` (method, path, query and body); a new key is reserved. */
  begin(key: string, fingerprint: string): KeyLookup {
    const now = this.#clock.now();
    const found = this.#entries.get(key);
    if (found && found.expiresAt > now) {
      if (found.fingerprint !== fingerprint) return { kind: "conflict" };
      return found.reply ? { kind: "replay", reply: found.reply } : { kind: "outstanding" };
    }
    const entry: Entry = { fingerprint, expiresAt: now + this.#ttlMs, reply: undefined };
    this.#entries.set(key, entry);
    return {
      kind: "new",
      finish: (reply) => {
        entry.reply = reply;
      },
      // Nothing was applied (a fault before the provider, the sandbox closing): the key is free again.
      abandon: () => {
        if (this.#entries.get(key) === entry) this.#entries.delete(key);
      },
    };
  }

  clear(): void {
    this.#entries.clear();
  }
}

/** A request's identity for idempotency: method, path, sorted query, and the body as canonical JSON when it is JSON. */
export function fingerprint(method: string, url: URL, text: string): string {
  const query = [...url.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let body = text;
  try {
    body = canonical(JSON.parse(text));
  } catch {
    // Not JSON: compared as sent.
  }
  return JSON.stringify([method, url.pathname, query, body]);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}
