import { describe, expect, it } from "vitest";
import { computeHash, hashInput } from "../../src/index.js";

// The reference's worked example (REFERENCE.md §7), digests computed there with Python hashlib.
const bill = { billId: "1024", phone: "01012345678", price: "45000" };

describe("request hash", () => {
  it("three-part on /bill when a phone is sent", async () => {
    expect(hashInput("three-part", bill)).toBe("1024,01012345678,45000");
    expect(await computeHash("three-part", bill)).toBe("c381cdd2f56bc990da035d998b0bee8df1f12f9d59966483db8306cead9d96e9");
  });

  it("two-part on destroy, cancel and cash receipts, even when the bill had a phone", async () => {
    expect(hashInput("two-part", bill)).toBe("1024,45000");
    expect(await computeHash("two-part", bill)).toBe("c33145c60c4dff199c5320f45db1fee5af0eb245d2645b70334ead1549ea90d0");
  });

  it("/bill without a phone (URL bills) falls back to two parts", async () => {
    expect(await computeHash("three-part", { billId: "1024", price: "45000" })).toBe(
      "c33145c60c4dff199c5320f45db1fee5af0eb245d2645b70334ead1549ea90d0",
    );
  });

  it("none on read and resend", async () => {
    expect(await computeHash("none", bill)).toBeNull();
    expect(hashInput("unknown", bill)).toBeNull();
  });

  it("hashes UTF-8 and answers lowercase hex", async () => {
    const hash = await computeHash("two-part", { billId: "청구-1", price: "1000" });
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
