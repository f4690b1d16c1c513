// The sandbox as a user starts it from the packed package: `npx @payspec/sandbox` runs the installed bin
// (node_modules/.bin/payspec-sandbox) on Node. Checked beside the runtimes, in the same installed folder: it prints a
// `<provider> <url>` line per provider once ready, answers the PortOne API (the spec's PAYMENT_NOT_FOUND for an
// unknown payment) and serves its dashboard, and stops whole on SIGTERM.
import { spawn } from "node:child_process";
import { join } from "node:path";

/** How long the bin may take to print its ready block, and to exit after SIGTERM. */
const READY_MS = 15_000;
const EXIT_MS = 5_000;

/** Resolves to a report like a runtime's: `{ tag, version, checks }`. Never rejects. */
export async function checkSandboxBin(dir) {
  const checks = [];
  const check = (name, ok, detail) => checks.push({ name, ok, detail: ok ? "" : detail });
  const bin = join(dir, "node_modules", ".bin", "payspec-sandbox");
  const child = spawn(bin, ["--portone", "0", "--payssam", "0", "--portone-global", "0"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, PAYSPEC_SANDBOX_PORTONE: "", PAYSPEC_SANDBOX_PAYSSAM: "", PAYSPEC_SANDBOX_PORTONE_GLOBAL: "" } });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  child.stderr.on("data", (chunk) => (err += chunk));
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal)));
  try {
    const ready = await Promise.race([
      new Promise((resolve) => {
        const look = () => out.includes("Ctrl-C stops it.") && resolve(true);
        child.stdout.on("data", look);
        look();
      }),
      exited.then(() => false),
      new Promise((resolve) => setTimeout(() => resolve(false), READY_MS).unref()),
    ]);
    const urls = Object.fromEntries([...out.matchAll(/^(portone|payssam|portone-global)\s+(http:\/\/127\.0\.0\.1:\d+)$/gm)].map((m) => [m[1], m[2]]));
    check("prints a ready line per provider", ready && Object.keys(urls).length === 3, `ready: ${ready}, lines: ${JSON.stringify(urls)}, stderr: ${err.slice(0, 300)}`);
    if (urls.portone) {
      const answer = await fetch(`${urls.portone}/payments/unknown-payment`, { headers: { authorization: "PortOne payspec-sandbox-secret" } });
      const body = await answer.json().catch(() => undefined);
      check("answers the PortOne API (PAYMENT_NOT_FOUND for an unknown payment)", answer.status === 404 && body?.type === "PAYMENT_NOT_FOUND", `HTTP ${answer.status}: ${JSON.stringify(body)}`);
      const page = await fetch(`${urls.portone}/__sandbox/`);
      const html = await page.text();
      check("serves its dashboard", page.status === 200 && html.includes("payspec sandbox"), `HTTP ${page.status}, ${html.slice(0, 120)}`);
    }
    child.kill("SIGTERM");
    const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve("still running"), EXIT_MS).unref())]);
    check("stops whole on SIGTERM", code === 143 || code === "SIGTERM", `ended with ${code}`);
  } catch (error) {
    check("runs", false, String(error?.message ?? error));
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
  return { tag: "sandbox-bin", version: "npx @payspec/sandbox (packed, Node)", checks };
}
