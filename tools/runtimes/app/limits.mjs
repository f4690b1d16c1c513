// The time limits the checks assert, shared by the worker side (checks.mjs) and the driver (driver.mjs).

/** The timeout of the timeout checks: short, and asserted on the clock, not through a test timeout. */
export const TIMEOUT_MS = 300;
/**
 * The timeout of the module-scope client the overlap scenarios share: long enough that twenty answered requests end
 * inside it on a loaded 2-core machine (at 1000 ms, edge-runtime's twenty ran past it while other builds ran beside).
 */
export const OVERLAP_TIMEOUT_MS = 2000;
/**
 * How late after its deadline a timed-out call may end: room for a loaded 2-core machine, and far below the
 * defects it catches (a stalled call ending 13 s into a 3 s timeout, or never).
 */
export const LATE_MS = 700;
