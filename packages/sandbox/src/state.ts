// What an engine's snapshot is made of, and the checks with which it is read back. A snapshot is plain JSON (maps as
// lists of entries, in their order, so that every list reads back in the same order); reading one checks the shape
// of each part and throws a TypeError naming the part, which sandbox.ts reports with the file's name.

/** A part of a snapshot: JSON-able, read back only by the same part of the sandbox. */
export type SnapshotPart = { readonly [name: string]: unknown };

/** `value` as an object, or a TypeError naming `at`. */
export function partOf(value: unknown, at: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new TypeError(`${at}: not an object`);
  return value as Record<string, unknown>;
}

/** `value` as a list of objects (records written by `snapshot`), or a TypeError naming `at`. */
export function recordsOf<T>(value: unknown, at: string): T[] {
  if (!Array.isArray(value)) throw new TypeError(`${at}: not a list`);
  value.forEach((item, i) => partOf(item, `${at}[${i}]`));
  return value as T[];
}

/** `value` as a list of `[key, value]` entries with string keys (a Map as `snapshot` writes it). */
export function entriesOf<T>(value: unknown, at: string): [string, T][] {
  if (!Array.isArray(value)) throw new TypeError(`${at}: not a list`);
  value.forEach((item, i) => {
    if (!Array.isArray(item) || item.length !== 2 || typeof item[0] !== "string") throw new TypeError(`${at}[${i}]: not a [key, value] entry`);
  });
  return value as [string, T][];
}

/** `value` as a finite number, or a TypeError naming `at`. */
export function numberOf(value: unknown, at: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw new TypeError(`${at}: not a number`);
  return value;
}

/** A deep copy through JSON: what a snapshot holds never shares an object with the live state, nor the reverse. */
export function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
