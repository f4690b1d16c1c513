// The snapshot file: the sandbox's state as JSON, so that a dev server restarts with its payments. Read once at the
// start (a file that is not one of ours is refused, never overwritten); written after changes, at most once per
// SNAPSHOT_INTERVAL_MS, and once more on close — each time whole to `FILE.tmp` and renamed over FILE, so that a reader
// (or a crash) never meets half a file.
import { readFileSync } from "node:fs";
import { rename, writeFile } from "node:fs/promises";
import type { SnapshotPart } from "./state.js";

/** The marker of the file's format. */
export const SNAPSHOT_FORMAT = "payspec-sandbox-snapshot";
/** The version this sandbox writes and reads; a file of another version is refused. */
export const SNAPSHOT_VERSION = 1;
/** At most one write per this many milliseconds while the sandbox runs. */
export const SNAPSHOT_INTERVAL_MS = 200;

/** What the file holds besides its marker and version. */
export interface SnapshotState {
  /** Sandbox time minus wall time when written (the clock goes on from there: time passes while the sandbox is down). */
  readonly clock: { readonly offsetMs: number };
  readonly portone: SnapshotPart;
  readonly payssam: SnapshotPart;
  readonly global: SnapshotPart;
  readonly deliveries: SnapshotPart;
  readonly idempotency: SnapshotPart;
}

export interface SnapshotFile extends SnapshotState {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly version: typeof SNAPSHOT_VERSION;
  /** Wall-clock time of the write (ISO). */
  readonly writtenAt: string;
}

/** A snapshot file that cannot be read or written; the message names the file. */
export class SnapshotError extends Error {
  readonly file: string;
  constructor(file: string, message: string, options?: { cause?: unknown }) {
    super(`snapshot ${file}: ${message}`, options);
    this.name = "SnapshotError";
    this.file = file;
  }
}

/**
 * The file's content, or `undefined` when it does not exist yet. Throws a `SnapshotError` for a file that cannot be
 * read, is not JSON, or is not a snapshot of this version: it is left as it is, for its owner to look at.
 */
export function readSnapshot(file: string): SnapshotFile | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") return undefined;
    throw new SnapshotError(file, `cannot be read (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new SnapshotError(file, `is not JSON (${error instanceof Error ? error.message : String(error)}); refusing to start over it — move it away or fix it`, { cause: error });
  }
  const record = typeof data === "object" && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  if (record?.["format"] !== SNAPSHOT_FORMAT) {
    throw new SnapshotError(file, `is not a payspec sandbox snapshot (no "format": "${SNAPSHOT_FORMAT}"); refusing to start over it`);
  }
  if (record["version"] !== SNAPSHOT_VERSION) {
    throw new SnapshotError(file, `is a snapshot of version ${JSON.stringify(record["version"])}; this sandbox reads version ${SNAPSHOT_VERSION}`);
  }
  const clock = record["clock"];
  if (typeof clock !== "object" || clock === null || !Number.isFinite((clock as { offsetMs?: unknown }).offsetMs)) {
    throw new SnapshotError(file, "has no clock.offsetMs");
  }
  if (typeof record["writtenAt"] !== "string" || !Number.isFinite(Date.parse(record["writtenAt"]))) throw new SnapshotError(file, "has no writtenAt date");
  return record as unknown as SnapshotFile;
}

/**
 * Writes the state to `file` after changes: `changed()` asks for a write within SNAPSHOT_INTERVAL_MS (calls in
 * between join it), `close()` writes what is left and stops. A state equal to what the file holds is not written
 * again. A write that fails while running is reported as a process warning (the next change tries again); the last
 * one, on close, rejects.
 */
export class SnapshotWriter {
  readonly #file: string;
  readonly #collect: () => SnapshotState;
  #written: string;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #writing: Promise<void> = Promise.resolve();
  #closed = false;

  /** `written`: the state the file holds now (the restored one, or the empty state when it has none yet). */
  constructor(file: string, collect: () => SnapshotState, written: SnapshotState) {
    this.#file = file;
    this.#collect = collect;
    this.#written = JSON.stringify(written);
  }

  changed(): void {
    if (this.#closed || this.#timer !== undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      const text = this.#text();
      this.#writing = this.#writing.then(() => this.#write(text)).catch((error: unknown) => {
        process.emitWarning(error instanceof Error ? error.message : String(error), { type: "PaySpecSandboxWarning", code: "SNAPSHOT_WRITE_FAILED" });
      });
    }, SNAPSHOT_INTERVAL_MS);
    // The sandbox's servers (or the test) keep the process alive; close() writes what is left.
    this.#timer.unref?.();
  }

  /**
   * Takes the state now (before the rest of the sandbox stops: a webhook attempt aborted by the close must not be
   * written as failed) and resolves once it is in the file.
   */
  close(): Promise<void> {
    if (this.#closed) return this.#writing;
    this.#closed = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    const text = this.#text();
    // A failed earlier write was reported; this one decides.
    this.#writing = this.#writing.catch(() => {}).then(() => this.#write(text));
    return this.#writing;
  }

  #text(): string {
    return JSON.stringify(this.#collect());
  }

  async #write(state: string): Promise<void> {
    if (state === this.#written) return;
    const body = `{"format":${JSON.stringify(SNAPSHOT_FORMAT)},"version":${SNAPSHOT_VERSION},"writtenAt":${JSON.stringify(new Date().toISOString())},${state.slice(1)}\n`;
    const tmp = `${this.#file}.tmp`;
    try {
      await writeFile(tmp, body, "utf8");
      await rename(tmp, this.#file);
    } catch (error) {
      throw new SnapshotError(this.#file, `cannot be written (${error instanceof Error ? error.message : String(error)})`, { cause: error });
    }
    this.#written = state;
  }
}
