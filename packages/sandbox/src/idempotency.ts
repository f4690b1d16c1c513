// Idempotency keys: the first request with a key is processed and its answer kept; a repeat with the same key and
// the same request gets that answer again and changes nothing; a repeat with another request is a conflict; a
// repeat while the first is still being processed is told so. What the conflicts are answered with is the
// provider's business (see portone/api.ts).
import { createHash } from "node:crypto";
import type { SandboxClock } from "./clock.js";
import type { Reply } from "./exchange.js";
import { copy, numberOf, partOf, recordsOf, type SnapshotPart } from "./state.js";

export type KeyLookup =
  | { readonly kind: "new"; finish(reply: Reply): void; abandon(): void }
  | { readonly kind: "replay"; readonly reply: Reply }
  | { readonly kind: "conflict" }
  | { readonly kind: "outstanding" };

interface Entry {
  /** SHA-256 of the request's fingerprint: only compared, and never the request itself (card numbers, secrets). */
  readonly fingerprint: string;
  readonly expiresAt: number;
  reply: Reply | undefined;
  /** Written to a snapshot: not for answers that carry credentials (token mode's tokens, which are not kept). */
  readonly kept: boolean;
}

/** An entry as a snapshot holds it. */
interface KeptEntry {
  readonly key: string;
  readonly fingerprint: string;
  readonly expiresAt: number;
  readonly reply: Reply;
}

export class IdempotencyStore {
  readonly #clock: SandboxClock;
  readonly #ttlMs: number;
  readonly #entries = new Map<string, Entry>();

  constructor(clock: SandboxClock, ttlMs: number) {
    this.#clock = clock;
    this.#ttlMs = ttlMs;
  }

  /**
   * Looks `key` up for a request of this `fingerprint` (method, path, query and body); a new key is reserved.
   * `kept: false` keeps its answer out of snapshots.
   */
  begin(key: string, fingerprint: string, { kept = true }: { readonly kept?: boolean } = {}): KeyLookup {
    const now = this.#clock.now();
    const found = this.#entries.get(key);
    const digest = createHash("sha256").update(fingerprint).digest("base64");
    if (found && found.expiresAt > now) {
      if (found.fingerprint !== digest) return { kind: "conflict" };
      return found.reply ? { kind: "replay", reply: found.reply } : { kind: "outstanding" };
    }
    const entry: Entry = { fingerprint: digest, expiresAt: now + this.#ttlMs, reply: undefined, kept };
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

  /**
   * The keys whose answer is stored and not expired, for a snapshot file. A key still being processed is left out:
   * its request was not answered, so after a restart the retry runs as a new request.
   */
  snapshot(): SnapshotPart {
    const now = this.#clock.now();
    const entries: KeptEntry[] = [];
    for (const [key, entry] of this.#entries) {
      if (entry.reply && entry.kept && entry.expiresAt > now) entries.push({ key, fingerprint: entry.fingerprint, expiresAt: entry.expiresAt, reply: entry.reply });
    }
    return { entries };
  }

  /** Replaces the keys with a snapshot's. */
  restore(data: unknown): void {
    const entries = recordsOf<KeptEntry>(copy(partOf(data, "idempotency"))["entries"], "idempotency.entries");
    entries.forEach((entry, i) => {
      if (typeof entry.key !== "string" || typeof entry.fingerprint !== "string") throw new TypeError(`idempotency.entries[${i}]: no key or fingerprint`);
      numberOf(entry.expiresAt, `idempotency.entries[${i}].expiresAt`);
      const reply = partOf(entry.reply, `idempotency.entries[${i}].reply`);
      if (typeof reply["status"] !== "number" || typeof reply["body"] !== "string") throw new TypeError(`idempotency.entries[${i}].reply: no status or body`);
      partOf(reply["headers"], `idempotency.entries[${i}].reply.headers`);
    });
    this.#entries.clear();
    for (const { key, fingerprint, expiresAt, reply } of entries) this.#entries.set(key, { fingerprint, expiresAt, reply, kept: true });
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
