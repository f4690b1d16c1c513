import { describe, expect, it } from "vitest";
import { createPortOneClient } from "../../src/index.js";
import { createTokenSource, jwtExpiry } from "../../src/token.js";
import { fakeFetch, json } from "@payspec/mock/fake-fetch";
/** A READY payment with every field the spec requires of one (a 200 without them is invalid-response). */
const payment = {
  status: "READY", id: "p", transactionId: "t", merchantId: "m", storeId: "s", version: "V2", requestedAt: "2026-12-01T00:00:00Z",
  updatedAt: "2026-12-01T00:00:00Z", statusChangedAt: "2026-12-01T00:00:00Z", orderName: "o", currency: "KRW", customer: {},
  amount: { total: 1000, taxFree: 0, discount: 0, paid: 0, cancelled: 0, cancelledTaxFree: 0 }, origin: { platformType: "PC", ipAddress: "127.0.0.1" },
};

const jwt = (exp: number) => `h.${btoa(JSON.stringify({ exp })).replace(/=+$/, "")}.s`;

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
    const tokens = await Promise.all([source.get(), source.get(), source.get()]);
    expect(new Set(tokens).size).toBe(1);
    await source.get();
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
    await source.get();
    now += 1740_000 - 1; // 29 minutes: still valid (margin is 60 s)
    await source.get();
    expect(calls).toEqual(["login"]);
    now += 2; // inside the margin
    await Promise.all([source.get(), source.get()]);
    expect(calls).toEqual(["login", "refresh:r1"]);
    now += 1800_000;
    failRefresh = true;
    await source.get();
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

  it("one caller's abort ends only its own wait: the shared login serves the other 199", async () => {
    const access = jwt(Date.now() / 1000 + 1800);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { fetch, requests } = fakeFetch(async (r) =>
      new URL(r.url).pathname === "/login/api-secret" ? (await gate, json({ accessToken: access, refreshToken: "r" })) : json(payment),
    );
    const client = createPortOneClient({ secret: "the-secret", fetch, auth: "token" });
    const controller = new AbortController();
    const first = client.getPayment({ paymentId: "a" }, { signal: controller.signal });
    const others = Array.from({ length: 199 }, (_, i) => client.getPayment({ paymentId: `p${i}` }));
    controller.abort();
    release();
    expect((await first).error?.kind).toBe("aborted");
    const results = await Promise.all(others);
    expect(results.filter((r) => r.error)).toHaveLength(0);
    expect(requests.filter((r) => new URL(r.url).pathname === "/login/api-secret")).toHaveLength(1);
  });

  it("leaves no abort listener on the caller's signal after a call", async () => {
    const { fetch } = fakeFetch(() => json({ id: "p", status: "PAID" }));
    const client = createPortOneClient({ secret: "the-secret", fetch, retry: { limit: 1, baseDelayMs: 1 } });
    const signal = new AbortController().signal;
    let added = 0;
    let removed = 0;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<typeof add>) => (added++, add(...args))) as typeof add;
    signal.removeEventListener = ((...args: Parameters<typeof remove>) => (removed++, remove(...args))) as typeof remove;
    await client.getPayment({ paymentId: "p" }, { signal });
    expect(added).toBeGreaterThan(0);
    expect(removed).toBe(added);
  });

  // Issue 15, item 7: token mode trusts neither the login answer nor a token the server has refused.
  const paths = (requests: Request[], path: string) => requests.filter((r) => new URL(r.url).pathname === path);

  it("a 401 to a bearer request drops the token, logs in once for every caller that saw it, and sends each call once more", async () => {
    let login = 0;
    let revoked = false;
    const tokens = [jwt(Date.now() / 1000 + 1800) + "1", jwt(Date.now() / 1000 + 1800) + "2"];
    const { fetch, requests } = fakeFetch((r) => {
      if (new URL(r.url).pathname === "/login/api-secret") return json({ accessToken: tokens[login++], refreshToken: "r" });
      return revoked && r.headers.get("authorization") === `Bearer ${tokens[0]}` ? json({ type: "UNAUTHORIZED", message: "revoked" }, 401) : json(payment);
    });
    const client = createPortOneClient({ secret: "the-secret", fetch, auth: "token" });
    expect((await client.getPayment({ paymentId: "warm" })).error).toBeUndefined();
    revoked = true;
    const results = await Promise.all([client.getPayment({ paymentId: "a" }), client.getPayment({ paymentId: "b" })]);
    expect(results.map((r) => r.error)).toEqual([undefined, undefined]);
    expect(paths(requests, "/login/api-secret")).toHaveLength(2);
    expect(paths(requests, "/payments/a").map((r) => r.headers.get("authorization"))).toEqual([`Bearer ${tokens[0]}`, `Bearer ${tokens[1]}`]);
  });

  it("a 401 that persists after the new login is the API error, sent twice at most", async () => {
    const { fetch, requests } = fakeFetch((r) =>
      new URL(r.url).pathname === "/login/api-secret" ? json({ accessToken: jwt(Date.now() / 1000 + 1800), refreshToken: "r" }) : json({ type: "UNAUTHORIZED", message: "no" }, 401),
    );
    const client = createPortOneClient({ secret: "the-secret", fetch, auth: "token" });
    const result = await client.getPayment({ paymentId: "a" });
    expect(result.error).toMatchObject({ kind: "api", code: "UNAUTHORIZED", httpStatus: 401 });
    expect(paths(requests, "/payments/a")).toHaveLength(2);
  });

  it("a 401 in secret mode is not retried", async () => {
    const { fetch, requests } = fakeFetch(() => json({ type: "UNAUTHORIZED", message: "no" }, 401));
    const client = createPortOneClient({ secret: "the-secret", fetch });
    expect((await client.getPayment({ paymentId: "a" })).error).toMatchObject({ kind: "api", code: "UNAUTHORIZED" });
    expect(requests).toHaveLength(1);
  });

  it("a login answer without tokens is an invalid response, and no call is sent with `Bearer undefined`", async () => {
    for (const answer of [{}, { accessToken: "", refreshToken: "r" }, { accessToken: 5, refreshToken: "r" }, { accessToken: "a.b.c" }]) {
      const { fetch, requests } = fakeFetch((r) => (new URL(r.url).pathname === "/login/api-secret" ? json(answer) : json(payment)));
      const client = createPortOneClient({ secret: "the-secret", fetch, auth: "token" });
      const result = await client.getPayment({ paymentId: "a" });
      expect(result.error).toMatchObject({ kind: "invalid-response", operation: "loginViaApiSecret" });
      expect(paths(requests, "/payments/a")).toHaveLength(0);
    }
  });

  it("an already-aborted signal sends nothing, not even the login", async () => {
    const { fetch, requests } = fakeFetch(() => json({ accessToken: jwt(Date.now() / 1000 + 1800), refreshToken: "r" }));
    const client = createPortOneClient({ secret: "the-secret", fetch, auth: "token" });
    const result = await client.getPayment({ paymentId: "a" }, { signal: AbortSignal.abort() });
    expect(result.error?.kind).toBe("aborted");
    expect(requests).toHaveLength(0);
  });

  it("a token that lives less than the refresh margin does not cause a login per call", async () => {
    let now = 1_000_000;
    let logins = 0;
    const source = createTokenSource(
      async () => (logins++, { accessToken: jwt(now / 1000 + 30), refreshToken: "r" }),
      async () => ({ accessToken: jwt(now / 1000 + 30), refreshToken: "r" }),
      () => now,
    );
    for (let i = 0; i < 5; i++) await source.get();
    expect(logins).toBe(1);
    now += 16_000; // past half of its 30 s life: renewed once
    await source.get();
    await source.get();
    expect(logins).toBe(1);
  });
});
