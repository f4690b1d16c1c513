// The generated catalogue against the provider's page itself (the seed document in ../shared):
// every code, its status, its message and its condition, character for character.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeEach, describe, expect, it } from "vitest";
import { PaySsamResultCode, paySsamResultCodes } from "../src/index.js";

// The seed lives in the shared reference folder beside the checkout (CI always has it there);
// PAYSPEC_SHARED points elsewhere. Outside CI a checkout without it reports every test below as
// skipped, with the reason.
const shared = process.env["PAYSPEC_SHARED"] ?? fileURLToPath(new URL("../../../../shared", import.meta.url));
const seed = `${shared}/seeds/000_f0b82f56321c5bc5.txt`;
const available = existsSync(seed);
if (!available && process.env["CI"]) throw new Error(`seed page not found at ${seed}: CI must run beside shared/`);
const skipReason = `seed page ${seed} not found (set PAYSPEC_SHARED)`;
const page = available ? readFileSync(seed, "utf8") : "";

/** Rows of every <table> on the page: [code, status, message, condition]. */
function pageRows(): string[][] {
  const rows: string[][] = [];
  for (const body of page.matchAll(/<tbody>([\s\S]*?)<\/tbody>/g)) {
    for (const tr of (body[1] ?? "").matchAll(/<tr>([\s\S]*?)<\/tr>/g)) {
      rows.push([...(tr[1] ?? "").matchAll(/<td>([\s\S]*?)<\/td>/g)].map((td) => (td[1] ?? "").trim()));
    }
  }
  return rows;
}

// Without the page, the catalogue names the rows, so that each one is still counted (as skipped).
const rows = available
  ? pageRows()
  : Object.values(paySsamResultCodes).map((info) => [info.code, info.status, info.message, info.condition]);
const familyBySection: Record<string, string> = {
  "기본 응답코드": "BASIC",
  "파트너 에러코드": "PARTNER",
  "파트너 맵핑 에러코드": "PARTNER_MAPPING",
  "값 검증 에러 코드": "VALIDATION",
  "결제 에러 코드": "PAYMENT",
  "청구서 에러 코드": "BILL",
  "포인트 에러 코드": "POINT",
  "점검중 에러 코드": "MAINTENANCE",
};

describe("catalogue completeness against the seed page", () => {
  beforeEach((context) => context.skip(!available, skipReason));

  it("has as many codes as the page has rows (35)", () => {
    expect(rows).toHaveLength(35);
    expect(Object.keys(paySsamResultCodes)).toHaveLength(rows.length);
    expect(Object.values(PaySsamResultCode)).toHaveLength(rows.length);
  });

  it.each(rows)("%s: status, message and condition exactly as published", (code, status, message, condition) => {
    const info = paySsamResultCodes[code as PaySsamResultCode];
    expect(info, `${code} is in the catalogue`).toBeDefined();
    expect(info.code).toBe(code);
    expect(info.status).toBe(status);
    expect(info.message).toBe(message);
    expect(info.condition).toBe(condition);
    expect(info.success).toBe(status === "정상");
    expect(PaySsamResultCode[info.name as keyof typeof PaySsamResultCode]).toBe(code);
  });

  it("keeps the page order and each code's section as its family", () => {
    expect(Object.keys(paySsamResultCodes)).toEqual(rows.map((r) => r[0]));
    const sections = [...page.matchAll(/### ([^\n]+)\n\n<table>[\s\S]*?<\/table>/g)];
    expect(sections).toHaveLength(8);
    for (const section of sections) {
      const family = familyBySection[(section[1] ?? "").trim()];
      expect(family, section[1]).toBeDefined();
      for (const tr of section[0].matchAll(/<tr><td>([^<]+)<\/td>/g)) {
        expect(paySsamResultCodes[tr[1] as PaySsamResultCode].family).toBe(family);
      }
    }
  });
});
