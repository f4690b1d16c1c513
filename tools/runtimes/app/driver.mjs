// The runtime matrix's one set of checks, driver side: sends the requests `checks.mjs` answers, one runtime at a
// time. `dispatch(path)` delivers one request to the runtime as its own event (workerd and edge-runtime: a fetch
// event of the one Worker; Node, Bun and Deno: a call of the handler) and resolves to the JSON answer. Runs in the
// runtime itself for Node, Bun and Deno, and in the Node process hosting workerd or edge-runtime for those two.
import { LATE_MS, OVERLAP_TIMEOUT_MS } from "./limits.mjs";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long a request of an overlap scenario may go unanswered before it is reported as hung. */
const HUNG_MS = OVERLAP_TIMEOUT_MS + 4000;

/** Every check, in order: the sequential ones, the four overlap scenarios, then the last calls. */
export async function drive(dispatch, { base, tag }) {
  const results = [];
  try {
    results.push(...(await dispatch(`/checks?tag=${tag}`)));
  } catch (error) {
    results.push({ name: "checks", ok: false, detail: `the runtime did not answer: ${String(error?.message ?? error)}` });
  }
  for (const calls of [2, 20]) {
    for (const signals of [false, true]) results.push(await overlap(dispatch, { base, tag, calls, signals }));
  }
  try {
    results.push(await dispatch(`/last?tag=${tag}`));
  } catch (error) {
    results.push({ name: "last calls (default timeout)", ok: false, detail: `the runtime did not answer: ${String(error?.message ?? error)}` });
  }
  return results;
}

/**
 * `calls` requests at once in one isolate, each calling the client created at module scope: all but one answered
 * after 150 ms, and one stalled that must time out at its own deadline. The stalled one starts 10 ms after the others,
 * while they are in flight (and within the 20 ms in which the runtime of issue 16 let calls share one abort signal), and
 * outlives them: its timeout must not hang on a timer or signal of a request that has finished, and no request may
 * touch another's I/O (workerd refuses it: "Cannot perform I/O on behalf of a different request").
 */
async function overlap(dispatch, { base, tag, calls, signals }) {
  const name = `${calls} overlapping requests${signals ? " with caller signals" : ""}, one stalled`;
  const scenario = `${tag}-${calls}${signals ? "-signals" : ""}`;
  const query = signals ? "&signal=1" : "";
  const answer = (path) => {
    let watchdog;
    return Promise.race([
      dispatch(path).catch((error) => ({ kind: "failed", threw: `the runtime did not answer: ${String(error?.message ?? error)}` })),
      new Promise((resolve) => (watchdog = setTimeout(resolve, HUNG_MS, { kind: "hung" }))),
    ]).finally(() => clearTimeout(watchdog));
  };
  const pending = [];
  for (let i = 0; i < calls - 1; i++) pending.push(answer(`/call?id=slow-${scenario}-${i}${query}`));
  await sleep(10);
  const stalledId = `stall-${scenario}`;
  pending.push(answer(`/call?id=${stalledId}${query}`));
  const answers = await Promise.all(pending);

  const problems = [];
  const stalled = answers.pop();
  const failures = answers.map((a, i) => (a.kind === "data" ? undefined : `request ${i + 1}: ${describe(a)}`)).filter(Boolean);
  if (failures.length > 0) problems.push(`${failures.length} of ${answers.length} answered requests failed (${[...new Set(failures.map((f) => f.replace(/^request \d+: /, "")))].join("; ")})`);
  if (stalled.kind !== "timeout") problems.push(`the stalled request ${describe(stalled)}`);
  else if (stalled.elapsed < OVERLAP_TIMEOUT_MS - 5 || stalled.elapsed > OVERLAP_TIMEOUT_MS + LATE_MS) problems.push(`the stalled request timed out after ${stalled.elapsed} ms on a ${OVERLAP_TIMEOUT_MS} ms timeout`);
  if (stalled.kind !== "hung") {
    const state = await waitClosed(base, stalledId);
    if (!state.closed) problems.push(state.seen ? `its connection was still open ${state.openMs} ms after it was sent` : "the server never received it");
  }
  return { name, ok: problems.length === 0, detail: problems.length ? problems.join("; ") : `stalled request timed out after ${stalled.elapsed} ms` };
}

function describe(answer) {
  if (answer.kind === "hung") return `did not end within ${HUNG_MS} ms (its timeout is ${OVERLAP_TIMEOUT_MS} ms)`;
  if (answer.kind === "threw" || answer.kind === "failed") return `threw: ${answer.threw}`;
  if (answer.kind === "data") return `succeeded after ${answer.elapsed} ms`;
  return `ended as ${answer.kind} after ${answer.elapsed} ms (${String(answer.message).slice(0, 160)})`;
}

async function waitClosed(base, id) {
  const until = Date.now() + LATE_MS;
  for (;;) {
    const state = await (await fetch(`${base}/control/stall/${encodeURIComponent(id)}`)).json();
    if (state.closed || !state.seen || Date.now() >= until) return state;
    await sleep(25);
  }
}
