import { describe, expect, it } from "vitest";
import { createPortOneClient } from "../../src/index.js";
import { createTokenSource, jwtExpiry } from "../../src/token.js";
import { fakeFetch, json } from "@payspec/mock/fake-fetch";

const jwt = (exp: number) => `h.${btoa(JSON.stringify({ exp })).replace(/=+$/, "")}.s`;
const signal = undefined;

describe("token mode", () => {
  it("reads exp from a JWT, and null from garbage", () => {
    expect(jwtExpiry(jwt(1_800_000_000))).toBe(1_800_000_000_000);
    expect(jwtExpiry("nope")).toBeNull();
    expect(jwtExpiry("a.!!!.c")).toBeNull();
  });

  it("logs in once for concurrent callers and reuses the token", async () => {
    let logins = 0;
    const source = createTokenSource(async () => {
      logins++;
      await new Promise((r) => setTimeout(r, 5));
      return { accessToken: jwt(Date.now() / 1000 + 1800), refreshToken: "r1" };
    }, async () => {
      throw new Error("no refresh expected");
    });
    const tokens = await Promise.all([source.get(signal), source.get(signal), source.get(signal)]);
    expect(new Set(tokens).size).toBe(1);
    await source.get(signal);
    expect(logins).toBe(1);
  });

  it("refreshes before expiry, once, and logs in again if the refresh fails", async () => {
    let now = 1_000_000;
    const calls: string[] = [];
    let failRefresh = false;
    const source = createTokenSource(
      async () => {
        calls.push("login");
        return { accessToken: jwt(now / 1000 + 1800), refreshToken: "r1" };
      },
      async (refreshToken) => {
        calls.push(`refresh:${refreshToken}`);
        if (failRefresh) throw new Error("expired");
        return { accessToken: jwt(now / 1000 + 1800), refreshToken: "r2" };
      },
      () => now,
    );
    await source.get(signal);
    now += 1740_000 - 1; // 29 minutes: still valid (margin is 60 s)
    await source.get(signal);
    expect(calls).toEqual(["login"]);
    now += 2; // inside the margin
    await Promise.all([source.get(signal), source.get(signal)]);
    expect(calls).toEqual(["login", "refresh:r1"]);
    now += 1800_000;
    failRefresh = true;
    await source.get(signal);
    expect(calls).toEqual(["login", "refresh:r1", "refresh:r2", "login"]);
  });

  it("the client logs in with the secret and sends Bearer tokens", async () => {
    const access = jwt(Date.now() / 1000 + 1800);
    const { fetch, requests } = fakeFetch((r) =>
      new URL(r.url).pathname === "/login/api-secret" ? json({ accessToken: access, refreshToken: "r" }) : json({ status: "PAID" }),
    );
    const client = createPortOneClient({ secret: "the-secret", fetch, auth: "token" });
    await Promise.all([client.getPayment({ paymentId: "a" }), client.getPayment({ paymentId: "b" })]);
    const logins = requests.filter((r) => new URL(r.url).pathname === "/login/api-secret");
    expect(logins).toHaveLength(1);
    expect(await logins[0]!.json()).toEqual({ apiSecret: "the-secret" });
    const calls = requests.filter((r) => new URL(r.url).pathname.startsWith("/payments/"));
    expect(calls.map((r) => r.headers.get("authorization"))).toEqual([`Bearer ${access}`, `Bearer ${access}`]);
  });
});
