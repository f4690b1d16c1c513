#!/usr/bin/env node
// npx @payspec/sandbox (pnpm sandbox in the payspec repository): the sandbox as a server for developing an app.
// The command line and the ready output follow `pnpm mock`: `--portone PORT`, `--payssam PORT`, `--portone-global PORT`
// (0 = a free one; with no port flag all three start on their default ports; when only the other is named, a provider takes a free port, so that
// two sandboxes never fight over a default), one `<provider> <url>` line per provider once it accepts connections. Everything runs in this one process, which stops
// whole on SIGINT/SIGTERM/SIGHUP and when its parent process dies.
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  DEFAULT_GLOBAL_CLIENT_KEY,
  DEFAULT_GLOBAL_SECRET_KEY,
  DEFAULT_PAYSSAM_API_KEY,
  DEFAULT_PAYSSAM_MEMBER,
  DEFAULT_PAYSSAM_MERCHANT,
  DEFAULT_PORTONE_SECRET,
  DEFAULT_PORTONE_STORE_ID,
  DEFAULT_WEBHOOK_SECRET,
  startSandbox,
  type RunningSandbox,
} from "./sandbox.js";
import type { PaySsamWallet } from "./payssam/engine.js";

const DEFAULT_PORT = 4021;
const PORT_ENV = "PAYSPEC_SANDBOX_PORTONE";
/** `pnpm mock` serves PaySsam on 4010 and PortOne on 4011; the sandbox keeps the order: 4020, 4021. */
const DEFAULT_PAYSSAM_PORT = 4020;
const PAYSSAM_PORT_ENV = "PAYSPEC_SANDBOX_PAYSSAM";
/** `pnpm mock` serves PortOne Global on 4012; the sandbox on 4022. */
const DEFAULT_GLOBAL_PORT = 4022;
const GLOBAL_PORT_ENV = "PAYSPEC_SANDBOX_PORTONE_GLOBAL";
const SNAPSHOT_ENV = "PAYSPEC_SANDBOX_SNAPSHOT";
const WALLETS: readonly PaySsamWallet[] = ["partner", "merchant"];

const usage = `Usage: payspec-sandbox [--portone PORT] [--payssam PORT] [--portone-global PORT] [--host HOST] [--secret SECRET]
                       [--store-id ID] [--webhook-url URL] [--webhook-secret whsec_...] [--global-webhook-url URL]
                       [--clock DATE] [--snapshot FILE] [--payssam-wallet partner|merchant]

Starts a stateful sandbox of PortOne V2, PaySsam and PortOne Global on 127.0.0.1 (ports ${DEFAULT_PORT}, ${DEFAULT_PAYSSAM_PORT} and
${DEFAULT_GLOBAL_PORT}, or --portone / ${PORT_ENV}, --payssam / ${PAYSSAM_PORT_ENV} and --portone-global /
${GLOBAL_PORT_ENV}; 0 picks a free port, as does naming only another one). PaySsam accepts apiKey
${DEFAULT_PAYSSAM_API_KEY}, member ${DEFAULT_PAYSSAM_MEMBER}, merchant ${DEFAULT_PAYSSAM_MERCHANT}. PortOne Global
accepts the key ${DEFAULT_GLOBAL_CLIENT_KEY} with the secret ${DEFAULT_GLOBAL_SECRET_KEY}.
  --secret          the API secret it accepts (default ${DEFAULT_PORTONE_SECRET})
  --store-id        the store of that secret (default ${DEFAULT_PORTONE_STORE_ID})
  --webhook-url     where webhooks are delivered; --webhook-secret signs them (default ${DEFAULT_WEBHOOK_SECRET})
  --global-webhook-url  where PortOne Global webhooks (payments, payment links, refunds) are delivered
  --clock           where sandbox time starts (an RFC 3339 date-time; default now; a restored snapshot's clock wins)
  --snapshot        a file that keeps the state across restarts (or ${SNAPSHOT_ENV}): restored at the start when it
                    exists, written after changes and on exit; a file that is not a sandbox snapshot is refused
  --payssam-wallet  whose 쌤포인트 pay for KakaoTalk sends: partner (one wallet, the default) or merchant (each
                    sub-merchant's own)`;

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    options: {
      portone: { type: "string" },
      payssam: { type: "string" },
      "portone-global": { type: "string" },
      "global-webhook-url": { type: "string" },
      host: { type: "string" },
      secret: { type: "string" },
      "store-id": { type: "string" },
      "webhook-url": { type: "string" },
      "webhook-secret": { type: "string" },
      clock: { type: "string" },
      snapshot: { type: "string" },
      "payssam-wallet": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}
try {
  args = parse();
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
  process.exit(2);
}
if (args.values.help) {
  console.log(usage);
  process.exit(0);
}

const wallet = args.values["payssam-wallet"];
if (wallet !== undefined && !(WALLETS as readonly string[]).includes(wallet)) {
  console.error(`--payssam-wallet must be partner or merchant, not "${wallet}"\n\n${usage}`);
  process.exit(2);
}
const snapshot = args.values.snapshot ?? (process.env[SNAPSHOT_ENV] || undefined);
if (snapshot === "") {
  console.error(`--snapshot needs a file path\n\n${usage}`);
  process.exit(2);
}

/** The port asked for a provider (flag, then environment), or undefined when neither names one. */
function asked(provider: string, flag: string | undefined, env: string): [string, string] | undefined {
  const value = flag !== undefined ? (["--" + provider, flag] as [string, string]) : process.env[env] ? ([env, process.env[env]!] as [string, string]) : undefined;
  if (value && (!/^\d+$/.test(value[1]) || Number(value[1]) > 65535)) {
    console.error(`${provider}: ${value[0]} must be a port number from 0 to 65535, not "${value[1]}"`);
    process.exit(2);
  }
  return value;
}
const askedPortOne = asked("portone", args.values.portone, PORT_ENV);
const askedPaySsam = asked("payssam", args.values.payssam, PAYSSAM_PORT_ENV);
const askedGlobal = asked("portone-global", args.values["portone-global"], GLOBAL_PORT_ENV);
// None named: all on their default ports; one named: the others on a free port.
const none = askedPortOne === undefined && askedPaySsam === undefined && askedGlobal === undefined;
const rawPort = askedPortOne?.[1] ?? (none ? String(DEFAULT_PORT) : "0");
const payssamPort = askedPaySsam?.[1] ?? (none ? String(DEFAULT_PAYSSAM_PORT) : "0");
const globalPort = askedGlobal?.[1] ?? (none ? String(DEFAULT_GLOBAL_PORT) : "0");

let sandbox: RunningSandbox | undefined;
// Whether the snapshot file existed at the start (the ready output says it was restored).
const restoredFrom = snapshot !== undefined && existsSync(snapshot);
let stopping = false;
async function stop(exitCode: number) {
  if (stopping) return;
  stopping = true;
  // Never hang on the way out: the server is in this process, so exiting stops it anyway.
  setTimeout(() => process.exit(exitCode), 2000).unref();
  try {
    await sandbox?.close();
  } catch (error) {
    // The last snapshot write failed: say so, and do not exit as if all was kept.
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
  process.exit(exitCode);
}
process.on("SIGINT", () => void stop(130));
process.on("SIGTERM", () => void stop(143));
process.on("SIGHUP", () => void stop(129));
// pnpm (and other runners) exit on SIGTERM without passing it on; the orphan notices that its parent changed.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) void stop(0);
}, 500).unref();

const webhookUrl = args.values["webhook-url"];
try {
  sandbox = await startSandbox({
    portone: {
      port: Number(rawPort),
      ...(args.values.host !== undefined && { host: args.values.host }),
      ...(args.values.secret !== undefined && { secret: args.values.secret }),
      ...(args.values["store-id"] !== undefined && { storeId: args.values["store-id"] }),
      ...(webhookUrl !== undefined && {
        webhook: { url: webhookUrl, ...(args.values["webhook-secret"] !== undefined && { secret: args.values["webhook-secret"] }) },
      }),
    },
    payssam: {
      port: Number(payssamPort),
      ...(args.values.host !== undefined && { host: args.values.host }),
      ...(wallet !== undefined && { wallet: wallet as PaySsamWallet }),
    },
    global: {
      port: Number(globalPort),
      ...(args.values.host !== undefined && { host: args.values.host }),
      ...(args.values["global-webhook-url"] !== undefined && { webhook: { url: args.values["global-webhook-url"] } }),
    },
    ...(args.values.clock !== undefined && { clock: { start: args.values.clock } }),
    ...(snapshot !== undefined && { snapshot }),
  });
} catch (error) {
  const code = (error as { code?: unknown }).code;
  if (code === "EADDRINUSE") {
    // The error names the port; say which provider it was meant for.
    const busy = (error as { port?: unknown }).port;
    const [provider, port, env] =
      busy === Number(payssamPort) ? ["payssam", payssamPort, PAYSSAM_PORT_ENV]
      : busy === Number(globalPort) ? ["portone-global", globalPort, GLOBAL_PORT_ENV]
      : ["portone", rawPort, PORT_ENV];
    console.error(`${provider}: port ${port} is in use\n  choose another port: payspec-sandbox --${provider} ${Number(port) + 1000}  (or ${env}=${Number(port) + 1000})`);
  } else {
    console.error(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
  }
  await stop(code === "EADDRINUSE" ? 1 : 2);
}

const { portone, payssam, global } = sandbox!;
// One write: a reader that waits for the `portone <url>` line sees the other two with it.
console.log(`${"payssam".padEnd(15)} ${payssam.url}
${"portone".padEnd(15)} ${portone.url}
${"portone-global".padEnd(15)} ${global.url}

The sandbox is running (pid ${process.pid}). PortOne V2: Authorization: PortOne ${portone.secret}, store ${portone.storeId}.
Webhooks: ${portone.webhook ? `${portone.webhook.url}, signed with ${portone.webhook.secret}` : `none (--webhook-url, or PUT ${portone.url}/__sandbox/portone/webhook)`}.
Checkout:  POST ${portone.url}/__sandbox/portone/payments/<paymentId>/pay   {"totalAmount": 1000, "payMethod": "CARD"}
           (also /fail, /virtual-account, /deposit); deliveries: GET ${portone.url}/__sandbox/deliveries
PaySsam:   apiKey ${payssam.apiKey}, member ${payssam.member}, merchant ${payssam.merchant}; approval callbacks go to each
           bill's callbackUrl. The customer pays: POST ${payssam.url}/__sandbox/payssam/bills/<billId>/approve
Global:    X-Portone-Client-Key ${global.clientKey}, secret ${global.secretKey}; webhooks (payments, links, refunds): ${global.webhook ? global.webhook.url : "none (--global-webhook-url)"}.
           The buyer pays: POST ${global.url}/__sandbox/portone-global/transactions/<order_ref>/complete {"status": "Success"}
Faults:    header x-sandbox-fault: latency=2000 | status=503 | reset | stall | lost-answer
Clock:     POST ${portone.url}/__sandbox/clock/advance {"minutes": 60}
State:     ${snapshot === undefined ? "in memory (--snapshot FILE keeps it across restarts)" : `${snapshot} (${restoredFrom ? "restored; " : ""}written after changes and on exit)`}
Ctrl-C stops it.`);
