import { describe, expect, it } from "vitest";
import { redact, redactText, scrubError, snippet } from "../src/index.js";

describe("redaction", () => {
  it("replaces named fields and occurrences of secrets, deeply, without touching the input", () => {
    const input = { apiKey: "k1", nested: [{ note: "key is k1!" }], other: 1 };
    expect(redact(input, ["k1"], new Set(["apiKey"]))).toEqual({ apiKey: "[REDACTED]", nested: [{ note: "key is [REDACTED]!" }], other: 1 });
    expect(input.apiKey).toBe("k1");
  });
  it("redacts before cutting, so a secret on the 500th character never leaks half", () => {
    const secret = "S".repeat(20);
    const text = `${"x".repeat(490)}${secret}`;
    const out = snippet(text, [secret]);
    expect(out).not.toContain("SSSS");
    expect(snippet("y".repeat(600), []).length).toBe(501);
  });
  it("scrubs error messages and keeps clean errors as they are", () => {
    const clean = new Error("fine");
    expect(scrubError(clean, ["key-123"])).toBe(clean);
    expect(String(scrubError(new Error("failed for secret-1"), ["secret-1"]))).toBe("Error: failed for [REDACTED]");
    expect(scrubError("not an error", ["x"])).toBe("not an error");
  });
});

describe("escaped echoes", () => {
  const secret = "sk_live/a=b+c-d";
  it.each([
    ["as is", secret],
    ["JSON with \\/", JSON.stringify(secret).slice(1, -1).replace(/\//g, "\\/")],
    ["every symbol as \\u", "sk_live\\u002fa\\u003db\\u002bc\\u002dd"],
    ["Gson: only = escaped", "sk_live/a\\u003db+c-d"],
    ["upper-case hex", "sk_live/a\\u003Db+c-d"],
    ["percent-encoded", encodeURIComponent(secret)],
  ])("%s", (_name, echo) => {
    expect(redactText(`before ${echo} after`, [secret])).toBe("before [REDACTED] after");
  });
  it("redacts bearer tokens whatever they are", () => {
    expect(redactText("Authorization: Bearer eyJhbGciOi.eyJzdWIi.c2ln", [])).toBe("Authorization: Bearer [REDACTED]");
  });
});

describe("case", () => {
  it("matches the secret's letters exactly (a field named like an upper-case secret stays)", () => {
    expect(redactText("portone_secret is reserved", ["PORTONE_SECRET"])).toBe("portone_secret is reserved");
    expect(redactText("key PORTONE_SECRET", ["PORTONE_SECRET"])).toBe("key [REDACTED]");
  });
});
