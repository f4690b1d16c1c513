#!/usr/bin/env node
// npx @payspec/sandbox (pnpm sandbox in the payspec repository): the sandbox as a server for developing an app.
// The command line and the ready output follow `pnpm mock`: `--portone PORT` (0 = a free one), one
// `<provider> <url>` line per provider once it accepts connections. Everything runs in this one process, which stops
// whole on SIGINT/SIGTERM/SIGHUP and when its parent process dies.
import { parseArgs } from "node:util";
import { DEFAULT_PORTONE_SECRET, DEFAULT_PORTONE_STORE_ID, DEFAULT_WEBHOOK_SECRET, startSandbox, type RunningSandbox } from "./sandbox.js";

const DEFAULT_PORT = 4021;
const PORT_ENV = "PAYSPEC_SANDBOX_PORTONE";

const usage = `Usage: payspec-sandbox [--portone PORT] [--host HOST] [--secret SECRET] [--store-id ID]
                       [--webhook-url URL] [--webhook-secret whsec_...] [--clock DATE]

Starts a stateful PortOne V2 sandbox on 127.0.0.1 (port ${DEFAULT_PORT}, or --portone / ${PORT_ENV}; 0 picks a
free port). PaySsam and PortOne Global are not simulated yet.
  --secret          the API secret it accepts (default ${DEFAULT_PORTONE_SECRET})
  --store-id        the store of that secret (default ${DEFAULT_PORTONE_STORE_ID})
  --webhook-url     where webhooks are delivered; --webhook-secret signs them (default ${DEFAULT_WEBHOOK_SECRET})
  --clock           where sandbox time starts (an RFC 3339 date-time; default now)`;

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    options: {
      portone: { type: "string" },
      host: { type: "string" },
      secret: { type: "string" },
      "store-id": { type: "string" },
      "webhook-url": { type: "string" },
      "webhook-secret": { type: "string" },
      clock: { type: "string" },
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

const [source, rawPort] =
  args.values.portone !== undefined ? ["--portone", args.values.portone]
  : process.env[PORT_ENV] ? [PORT_ENV, process.env[PORT_ENV]]
  : ["default", String(DEFAULT_PORT)];
if (!/^\d+$/.test(rawPort) || Number(rawPort) > 65535) {
  console.error(`portone: ${source} must be a port number from 0 to 65535, not "${rawPort}"`);
  process.exit(2);
}

let sandbox: RunningSandbox | undefined;
let stopping = false;
async function stop(exitCode: number) {
  if (stopping) return;
  stopping = true;
  // Never hang on the way out: the server is in this process, so exiting stops it anyway.
  setTimeout(() => process.exit(exitCode), 2000).unref();
  await sandbox?.close();
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
    ...(args.values.clock !== undefined && { clock: { start: args.values.clock } }),
  });
} catch (error) {
  const code = (error as { code?: unknown }).code;
  if (code === "EADDRINUSE") {
    console.error(`portone: port ${rawPort} is in use\n  choose another port: payspec-sandbox --portone ${Number(rawPort) + 1000}  (or ${PORT_ENV}=${Number(rawPort) + 1000})`);
  } else {
    console.error(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
  }
  await stop(code === "EADDRINUSE" ? 1 : 2);
}

const { portone } = sandbox!;
console.log(`${"portone".padEnd(15)} ${portone.url}`);
console.log(`
The sandbox is running (pid ${process.pid}). PortOne V2: Authorization: PortOne ${portone.secret}, store ${portone.storeId}.
Webhooks: ${portone.webhook ? `${portone.webhook.url}, signed with ${portone.webhook.secret}` : `none (--webhook-url, or PUT ${portone.url}/__sandbox/portone/webhook)`}.
Checkout:  POST ${portone.url}/__sandbox/portone/payments/<paymentId>/pay   {"totalAmount": 1000, "payMethod": "CARD"}
           (also /fail, /virtual-account, /deposit); deliveries: GET ${portone.url}/__sandbox/deliveries
Faults:    header x-sandbox-fault: latency=2000 | status=503 | reset | stall | lost-answer
Clock:     POST ${portone.url}/__sandbox/clock/advance {"minutes": 60}
Ctrl-C stops it.`);
