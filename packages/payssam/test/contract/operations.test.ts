// Every operation of specs/payssam against Prism: its success example, and every result code it
// documents reaching the client as a typed error with the right code and message.
import { explain, strictFetch } from "@payspec/mock/contract";
import { describe, expect, inject, it } from "vitest";
import { describePaySsamResult } from "@payspec/payssam-errors";
import { createPaySsamClient, createPaySsamFetchClient, paySsamResultCodesForTest, PaySpecApiError, type PaySsamClient } from "./support.js";
import { documentedCodes, exampleValue, operations } from "./spec.js";

const baseUrl = inject("payssamMockUrl");
const credentials = { apiKey: "payspec-contract-key", member: "PAYSPEC-MEMBER", merchant: "PAYSPEC-MERCHANT" };

function client(prefer: string): PaySsamClient {
  return createPaySsamClient({ ...credentials, baseUrl, fetch: strictFetch({ prefer }) });
}

type Method = (input?: Record<string, unknown>) => Promise<{ data?: unknown; error?: unknown; response?: Response }>;
function method(c: PaySsamClient, operationId: string, stability: string | undefined): Method {
  const holder = (stability === "unverified" ? c.unverified : c) as unknown as Record<string, Method>;
  const fn = holder[operationId];
  if (!fn) throw new Error(`client has no method ${operationId}`);
  return fn;
}

/** The request example without what the client fills in itself (credentials, hash). */
function inputOf(op: (typeof operations)[number]): Record<string, unknown> {
  const example = exampleValue(op.requestBody.content["application/json"].examples?.["success"]) as Record<string, unknown>;
  expect(example, `${op.operationId} has a success request example`).toBeTypeOf("object");
  const inner = (example["bill"] ?? example["cashReceipt"] ?? example) as Record<string, unknown>;
  const { apiKey: _a, member: _m, merchant: _c, memberId: _mi, merchantId: _ci, hash: _h, ...input } = inner;
  return input;
}

describe.each(operations)("$operationId ($path)", (op) => {
  const examples = op.responses[200].content["application/json"].examples;

  it("success: returns the example's data", async () => {
    const expected = exampleValue(examples["success"]) as { code: string; data: Record<string, unknown> };
    expect(expected.code).toBe("0000");
    const result = await method(client("example=success"), op.operationId, op["x-stability"])(inputOf(op));
    expect(result.error, explain(result.error)).toBeUndefined();
    expect(result.response?.status).toBe(200);
    const data = result.data as Record<string, unknown>;
    for (const [key, value] of Object.entries(expected.data ?? {})) {
      expect(data[key]).toEqual(key === "apiKey" ? "[REDACTED]" : value);
    }
  });

  const codes = documentedCodes(op);
  it("documents at least the common result codes", () => {
    expect(codes).toEqual(expect.arrayContaining(["ERROR", "VALIDATION_001", "MAINTAINED_METHOD"]));
  });

  it.each(codes)("%s: api error with the code, the server's message and the catalogue's", async (code) => {
    const example = exampleValue(examples[code]) as { code: string; message?: string; msg?: string };
    expect(example, `named example ${code}`).toBeDefined();
    const result = await method(client(`example=${code}`), op.operationId, op["x-stability"])(inputOf(op));
    expect(result.data).toBeUndefined();
    const error = result.error as PaySpecApiError;
    expect(error).toBeInstanceOf(PaySpecApiError);
    expect(error.kind).toBe("api");
    expect(error.code).toBe(code);
    expect(error.httpStatus).toBe(200);
    expect(error.body.code).toBe(code);
    expect(error.serverMessage).toBe(example.message ?? example.msg);
    const described = describePaySsamResult(error.code);
    expect(described.known && described.message).toBe(paySsamResultCodesForTest[code as keyof typeof paySsamResultCodesForTest].message);
  });
});

describe("the openapi-fetch client (raw) against the mock", () => {
  it("sends a bill Prism accepts: credentials and hash come from the middleware", async () => {
    const raw = createPaySsamFetchClient({ ...credentials, baseUrl, fetch: strictFetch({ prefer: "example=success" }) });
    const { data, error, response } = await raw.POST("/bill", {
      body: {
        apiKey: "",
        member: "",
        merchant: "",
        bill: { billId: "PS1", sendType: "URL", productName: "p", price: "45000", memberName: "m", hash: "", callbackUrl: "https://partner.example.kr/cb" },
      },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data?.code).toBe("0000");
  });
});
