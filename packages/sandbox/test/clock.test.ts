// The sandbox clock: starts where it is told, moves with the wall clock, jumps with `advance`, and runs the timers
// that became due in their order (webhook redeliveries are such timers).
import { describe, expect, it } from "vitest";
import { createClock } from "../src/clock.js";

describe("the sandbox clock", () => {
  it("starts at `start`, advances, and fires due timers in time order, once", () => {
    const clock = createClock({ start: "2030-01-01T00:00:00Z" });
    expect(Math.abs(clock.now() - Date.parse("2030-01-01T00:00:00Z"))).toBeLessThan(1000);
    const fired: string[] = [];
    clock.schedule(clock.now() + 2 * 60_000, () => fired.push("second"));
    clock.schedule(clock.now() + 60_000, () => fired.push("first"));
    const cancel = clock.schedule(clock.now() + 90_000, () => fired.push("cancelled"));
    cancel();
    clock.schedule(clock.now() + 60 * 60_000, () => fired.push("later"));
    clock.advance(3 * 60_000);
    expect(fired).toEqual(["first", "second"]);
    clock.advance(3 * 60_000);
    expect(fired).toEqual(["first", "second"]);
    expect(clock.iso().startsWith("2030-01-01T00:06")).toBe(true);
    clock.stop();
    clock.advance(60 * 60_000);
    expect(fired).toEqual(["first", "second"]);
  });

  it("refuses a step that is not a number of milliseconds ≥ 0, and a start that is not a date", () => {
    const clock = createClock();
    for (const step of [-1, Number.NaN, Infinity]) expect(() => clock.advance(step)).toThrow(RangeError);
    expect(() => createClock({ start: "not a date" })).toThrow(TypeError);
  });
});
