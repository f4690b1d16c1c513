// The server as a user starts it (`npx @payspec/sandbox`, `pnpm sandbox`): the built bin, `--portone 0`, the
// `portone <url>` line once it accepts connections, and a whole stop on SIGTERM and SIGINT.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createPortOneClient } from "@payspec/portone";
import { afterEach, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

function run(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, PAYSPEC_SANDBOX_PORTONE: "", PAYSPEC_SANDBOX_PAYSSAM: "", PAYSPEC_SANDBOX_PORTONE_GLOBAL: "" } });
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
});
