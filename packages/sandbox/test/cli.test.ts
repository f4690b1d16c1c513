// The server as a user starts it (`npx @payspec/sandbox`, `pnpm sandbox`): the built bin, `--portone 0`, the
// `portone <url>` line once it accepts connections, and a whole stop on SIGTERM and SIGINT.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createPortOneClient } from "@payspec/portone";
import { afterAll, afterEach, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

function run(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PAYSPEC_SANDBOX_PORTONE: "", PAYSPEC_SANDBOX_PAYSSAM: "", PAYSPEC_SANDBOX_PORTONE_GLOBAL: "", PAYSPEC_SANDBOX_SNAPSHOT: "", ...env },
  });
  children.push(child);
  let out = "";
  let err = "";
  child.stdout!.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  /** Resolves with the URL of the `portone <url>` line, once the whole ready block (ending in "Ctrl-C stops it.") is printed. */
  const ready = new Promise<string>((resolve, reject) => {
    const look = () => {
      const match = /^portone\s+(http:\/\/\S+)$/m.exec(out);
      if (match && out.includes("Ctrl-C stops it.")) resolve(match[1]!);
    };
    child.stdout!.on("data", look);
    void exited.then(() => reject(new Error(`exited before it was ready: ${err}`)));
  });
  // A run that is meant to fail is never awaited as ready.
  ready.catch(() => {});
  return { child, ready, exited, output: () => ({ out, err }) };
}

describe("the payspec-sandbox command", () => {
  it("prints `portone <url>` when ready, serves the API and the control API there, and stops whole on SIGTERM", async () => {
    const sandbox = run(["--portone", "0", "--secret", "cli-api-secret"]);
    const url = await sandbox.ready;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const pay = await fetch(`${url}/__sandbox/portone/payments/cli-1/pay`, { method: "POST", body: JSON.stringify({ totalAmount: 1000 }) });
    expect(pay.status).toBe(200);
    const client = createPortOneClient({ secret: "cli-api-secret", baseUrl: url });
    expect((await client.getPayment({ paymentId: "cli-1" })).data?.status).toBe("PAID");

    sandbox.child.kill("SIGTERM");
    expect(await sandbox.exited).toBe(143);
    await expect(fetch(`${url}/__sandbox/clock`)).rejects.toThrow();
  });

  it("prints `payssam <url>` too (--payssam 0) and serves PaySsam and its control API there", async () => {
    const sandbox = run(["--portone", "0", "--payssam", "0"]);
    await sandbox.ready;
    const url = /^payssam\s+(http:\/\/\S+)$/m.exec(sandbox.output().out)?.[1];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const read = await fetch(`${url}/bill/read`, {
      method: "POST",
      body: JSON.stringify({ apiKey: "payspec-sandbox-payssam-key", member: "PAYSPEC-MEMBER", merchant: "PAYSPEC-MERCHANT", bill: { billId: "none" } }),
    });
    expect(await read.json()).toMatchObject({ code: "BILL_003" });
    expect((await fetch(`${url}/__sandbox/payssam/bills`)).status).toBe(200);
    sandbox.child.kill("SIGTERM");
    expect(await sandbox.exited).toBe(143);
  });

  it("prints `portone-global <url>` too (--portone-global 0) and serves PortOne Global and its control API there", async () => {
    const sandbox = run(["--portone", "0", "--portone-global", "0"]);
    await sandbox.ready;
    const url = /^portone-global\s+(http:\/\/\S+)$/m.exec(sandbox.output().out)?.[1];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    // No client key: the spec's 4010 with HTTP 401.
    const status = await fetch(`${url}/api/transaction/none/status`);
    expect(status.status).toBe(401);
    expect(await status.json()).toMatchObject({ status_code: "4010" });
    expect((await fetch(`${url}/__sandbox/portone-global/transactions`)).status).toBe(200);
    sandbox.child.kill("SIGTERM");
    expect(await sandbox.exited).toBe(143);
  });

  it("stops on SIGINT (Ctrl-C) with 130", async () => {
    const sandbox = run(["--portone", "0"]);
    await sandbox.ready;
    sandbox.child.kill("SIGINT");
    expect(await sandbox.exited).toBe(130);
  });

  it("refuses a port that is not a number, and an unknown option, with the usage and exit code 2", async () => {
    const badPort = run(["--portone", "eighty"]);
    expect(await badPort.exited).toBe(2);
    expect(badPort.output().err).toContain('--portone must be a port number from 0 to 65535, not "eighty"');
    const unknown = run(["--stripe", "0"]);
    expect(await unknown.exited).toBe(2);
    expect(unknown.output().err).toContain("Usage: payspec-sandbox");
  });

  it("--snapshot FILE: the state survives a SIGTERM and a new start on the same file (also named by PAYSPEC_SANDBOX_SNAPSHOT)", async () => {
    const file = join(scratch(), "sandbox-state.json");
    const first = run(["--portone", "0", "--snapshot", file]);
    const url = await first.ready;
    expect(first.output().out).toContain(`State:     ${file} (written after changes and on exit)`);
    const pay = await fetch(`${url}/__sandbox/portone/payments/cli-snap-1/pay`, { method: "POST", body: JSON.stringify({ totalAmount: 4500, payMethod: "TRANSFER" }) });
    expect(pay.status).toBe(200);
    const client = createPortOneClient({ secret: "payspec-sandbox-secret", baseUrl: url });
    const before = (await client.getPayment({ paymentId: "cli-snap-1" })).data;
    expect(before).toMatchObject({ status: "PAID", amount: { total: 4500 } });
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(143);
    expect(existsSync(file)).toBe(true);

    const second = run(["--portone", "0"], { PAYSPEC_SANDBOX_SNAPSHOT: file });
    const again = await second.ready;
    expect(second.output().out).toContain(`State:     ${file} (restored; written after changes and on exit)`);
    const after = (await createPortOneClient({ secret: "payspec-sandbox-secret", baseUrl: again }).getPayment({ paymentId: "cli-snap-1" })).data;
    expect(after).toEqual(before);
    second.child.kill("SIGINT");
    expect(await second.exited).toBe(130);
  });

  it("--snapshot refuses a file that is not a snapshot with exit code 2 and a message naming it, and leaves the file alone", async () => {
    const file = join(scratch(), "not-a-snapshot.json");
    writeFileSync(file, '{"payments": "mine"}');
    const sandbox = run(["--portone", "0", "--snapshot", file]);
    expect(await sandbox.exited).toBe(2);
    expect(sandbox.output().err).toContain(`snapshot ${file}: is not a payspec sandbox snapshot`);
    expect(readFileSync(file, "utf8")).toBe('{"payments": "mine"}');
  });

  it("--payssam-wallet merchant gives each sub-merchant its own 쌤포인트; another value is a usage error (exit 2)", async () => {
    const merchant = run(["--portone", "0", "--payssam", "0", "--payssam-wallet", "merchant"]);
    await merchant.ready;
    const payssam = /^payssam\s+(http:\/\/\S+)$/m.exec(merchant.output().out)![1]!;
    const set = await fetch(`${payssam}/__sandbox/payssam/merchants/PAYSPEC-MERCHANT/points`, { method: "PUT", body: JSON.stringify({ points: 110 }) });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ points: 110 });
    merchant.child.kill("SIGTERM");
    await merchant.exited;

    // The default (partner) has no sub-merchant wallets.
    const partner = run(["--portone", "0", "--payssam", "0"]);
    await partner.ready;
    const partnerUrl = /^payssam\s+(http:\/\/\S+)$/m.exec(partner.output().out)![1]!;
    const refused = await fetch(`${partnerUrl}/__sandbox/payssam/merchants/PAYSPEC-MERCHANT/points`, { method: "PUT", body: JSON.stringify({ points: 110 }) });
    expect(refused.status).toBe(400);
    partner.child.kill("SIGTERM");
    await partner.exited;

    const bad = run(["--portone", "0", "--payssam-wallet", "shared"]);
    expect(await bad.exited).toBe(2);
    expect(bad.output().err).toContain('--payssam-wallet must be partner or merchant, not "shared"');
    expect(bad.output().err).toContain("Usage: payspec-sandbox");
    expect(bad.output().err).toContain("--payssam-wallet  whose 쌤포인트 pay");
  });
});

const scratches: string[] = [];
function scratch() {
  const dir = mkdtempSync(join(tmpdir(), "payspec-cli-snapshot-"));
  scratches.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of scratches.splice(0)) rmSync(dir, { recursive: true, force: true });
});
