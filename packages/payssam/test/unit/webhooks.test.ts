import { describe, expect, it } from "vitest";
import { approvalSyncReply, parseApprovalSync } from "../../src/index.js";
import { exampleValue, spec } from "../contract/spec.js";

const payload = {
  billId: "PS20261122001",
  apprState: "F",
  apprPrice: "45000",
  apprNum: "30012345",
  apprDt: "20261122143015",
  apprIssuer: "현대카드",
};

describe("approval sync callback", () => {
  it("parses a JSON string, bytes or an object", () => {
    for (const body of [JSON.stringify(payload), new TextEncoder().encode(JSON.stringify(payload)), payload]) {
      const result = parseApprovalSync(body);
      expect(result.ok).toBe(true);
      expect(result.ok && result.payload.billId).toBe("PS20261122001");
    }
  });

  it("keeps unknown extra fields and drops the API key if the provider sends it", () => {
    const result = parseApprovalSync({ ...payload, apiKey: "LIVE-KEY", apprNewField: "x" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.payload["apprNewField"]).toBe("x");
    expect("apiKey" in result.payload).toBe(false);
  });

  it("rejects a payload without billId, naming the field", () => {
    const { billId: _b, ...rest } = payload;
    const result = parseApprovalSync(rest);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.issues.map((i) => i.field)).toContain("billId");
  });

  it("rejects non-JSON and non-objects without throwing", () => {
    for (const body of ["{not json", "", 42, null, [payload]]) {
      const result = parseApprovalSync(body);
      expect(result.ok).toBe(false);
    }
  });

  it("accepts the spec's own callback examples", () => {
    const examples = (spec as unknown as { webhooks: Record<string, { post: { requestBody: { content: { "application/json": { examples: Record<string, { value: unknown }> } } } } }> })
      .webhooks["approvalSync"]?.post.requestBody.content["application/json"].examples ?? {};
    expect(Object.keys(examples).length).toBeGreaterThan(0);
    for (const example of Object.values(examples)) expect(parseApprovalSync(exampleValue(example)).ok).toBe(true);
  });

  it("builds the exact reply PaySsam expects", () => {
    expect(approvalSyncReply()).toEqual({ code: "0000", msg: "성공하였습니다." });
    expect(JSON.stringify(approvalSyncReply())).toBe('{"code":"0000","msg":"성공하였습니다."}');
  });
});
