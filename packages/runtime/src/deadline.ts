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
