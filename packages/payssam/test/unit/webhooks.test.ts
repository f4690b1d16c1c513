import { describe, expect, it } from "vitest";
import { approvalSyncReply, parseApprovalSync, PaySpecInboundError } from "../../src/webhooks.js";
import { exampleValue, spec } from "../contract/spec.js";

const payload = {
  billId: "PS20261122001",
  apprState: "F",
  apprPrice: "45000",
  apprNum: "30012345",
  apprDt: "20261122143015",
  apprIssuer: "현대카드",
};

describe("approval sync callback (@payspec/payssam/webhooks)", () => {
  it("parses a JSON string, bytes or an object", () => {
    for (const body of [JSON.stringify(payload), new TextEncoder().encode(JSON.stringify(payload)), payload]) {
      const result = parseApprovalSync(body);
      expect(result.error).toBeUndefined();
      expect(result.data?.billId).toBe("PS20261122001");
    }
  });

  it("keeps unknown extra fields and drops every spelling and nesting of the API key", () => {
    const body = {
      ...payload,
      apiKey: "LIVE-KEY-1",
      APIKEY: "LIVE-KEY-2",
      api_key: "LIVE-KEY-3",
      "Api-Key": "LIVE-KEY-4",
      apprNewField: "x",
      extra: { nested: { ApiKey: "LIVE-KEY-5", keep: 1 }, list: [{ apikey: "LIVE-KEY-6" }] },
    };
    for (const input of [body, JSON.stringify(body)]) {
      const result = parseApprovalSync(input);
      expect(result.error).toBeUndefined();
      expect(result.data?.["apprNewField"]).toBe("x");
      expect(result.data?.["extra"]).toEqual({ nested: { keep: 1 }, list: [{}] });
      expect(JSON.stringify(result.data)).not.toMatch(/LIVE-KEY|api.?key/i);
    }
  });

  it("an API key that is not a string does not make the payload invalid (it is dropped first)", () => {
    expect(parseApprovalSync({ ...payload, apiKey: 42 }).data).toEqual(payload);
  });

  it("keeps an approval state the spec does not list (typed Unrecognized), so it is never mistaken for unpaid", () => {
    expect(parseApprovalSync({ ...payload, apprState: "R" }).data?.apprState).toBe("R");
  });

  // Issue 15 item 10: the \s of the spelling rule was not pinned by any test.
  it('drops "Api Key" (with a space) like the other spellings', () => {
    for (const key of ["Api Key", "api key", " apiKey ", "API\tKEY"]) {
      const result = parseApprovalSync({ ...payload, [key]: "LIVE-KEY-SPACE" });
      expect(result.data).toEqual(payload);
      expect(JSON.stringify(result)).not.toContain("LIVE-KEY-SPACE");
    }
  });

  it("a __proto__ key stays data", () => {
    const result = parseApprovalSync(`{"billId":"1","apprState":"F","__proto__":{"polluted":true}}`);
    expect(result.data).toBeDefined();
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it("rejects a payload without billId with an inbound error naming the field", () => {
    const { billId: _b, ...rest } = payload;
    const result = parseApprovalSync(rest);
    expect(result.error).toBeInstanceOf(PaySpecInboundError);
    expect(result.error?.kind).toBe("inbound");
    expect(result.error?.reason).toBe("invalid-payload");
    expect(result.error?.message).toContain("billId");
  });

  it("rejects non-JSON and non-objects without throwing", () => {
    expect(parseApprovalSync("{not json").error?.reason).toBe("not-json");
    for (const body of ["", 42, null, [payload], undefined]) expect(parseApprovalSync(body).error).toBeInstanceOf(PaySpecInboundError);
  });

  // Issue 15 item 3: the same argument checks and reason names as the other packages' verifiers.
  it("a body that is not text, bytes or a parsed object is invalid-body (as in every payspec verifier)", () => {
    for (const body of [undefined, null, 42, true, 10n, () => payload]) {
      expect(parseApprovalSync(body).error).toMatchObject({ kind: "inbound", reason: "invalid-body", message: expect.stringContaining("request body") });
    }
    expect(parseApprovalSync([payload]).error?.reason).toBe("invalid-payload");
  });

  it("takes an ArrayBuffer, a Buffer and a DataView like a Uint8Array", () => {
    const bytes = new TextEncoder().encode(JSON.stringify(payload));
    for (const body of [bytes.buffer.slice(0), Buffer.from(bytes), new DataView(bytes.buffer)]) {
      expect(parseApprovalSync(body).data).toEqual(payload);
    }
  });

  it("a deeply nested payload is invalid-payload, not a stack overflow (it threw a RangeError)", () => {
    const deepText = `{"billId":"1","apprState":"F","x":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    let deep: Record<string, unknown> = {};
    const deepObject = { ...payload, x: deep };
    for (let i = 0; i < 100_000; i++) deep = (deep["a"] = {}) as Record<string, unknown>;
    for (const body of [deepText, deepObject]) {
      expect(parseApprovalSync(body).error).toMatchObject({ reason: "invalid-payload", message: expect.stringContaining("nested deeper") });
    }
    expect(parseApprovalSync({ ...payload, x: [[[{ keep: 1 }]]] }).data?.["x"]).toEqual([[[{ keep: 1 }]]]);
  });

  it("a payload whose getters throw is invalid-payload, not a throw", () => {
    const hostile = new Proxy({}, { ownKeys() { throw new Error("boom"); } });
    expect(parseApprovalSync(hostile).error?.reason).toBe("invalid-payload");
  });

  it("accepts the spec's own callback examples", () => {
    const examples = (spec as unknown as { webhooks: Record<string, { post: { requestBody: { content: { "application/json": { examples: Record<string, { value: unknown }> } } } } }> })
      .webhooks["approvalSync"]?.post.requestBody.content["application/json"].examples ?? {};
    expect(Object.keys(examples).length).toBeGreaterThan(0);
    for (const example of Object.values(examples)) expect(parseApprovalSync(exampleValue(example)).error).toBeUndefined();
  });

  it("builds the exact reply PaySsam expects", () => {
    expect(JSON.stringify(approvalSyncReply())).toBe('{"code":"0000","msg":"성공하였습니다."}');
  });
});
