// `pnpm mock` as an app developer meets it: started as a process, asked for every documented
// example, sent bad requests, and killed by PID.
import { spawn } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleSpec, repoRoot } from "@payspec/codegen/bundle";
import { MOCKS_MD, renderMocksMd } from "../gen-mocks-md.mjs";
import { freePort } from "../src/start.mjs";
import { operationExamples } from "../src/examples.mjs";

const serve = fileURLToPath(new URL("../serve.mjs", import.meta.url));
// An upper bound only: each start waits for the "Mocks are running" line. Two CI runs at once on the 2-core
// machine took over 90 s to bundle the three specs and start Prism.
const STARTUP_MS = 300_000;

/** Starts a command and resolves once `pattern` shows in its output; `output()` returns everything so far. */
function start(command, args, pattern, env = {}) {
  const child = spawn(command, args, { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FORCE_COLOR: "0", ...env } });
  let output = "";
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const ready = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      if (pattern.test(output)) resolve(output);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    exited.then(({ code, signal }) => reject(new Error(`exited (${code ?? signal}) before ready:\n${output}`)));
  });
  return { child, ready, exited, output: () => output };
}

function urlsOf(output) {
  return Object.fromEntries([...output.matchAll(/^(\S+)\s+(http:\/\/127\.0\.0\.1:\d+)$/gm)].map((m) => [m[1], m[2]]));
}

/** PIDs of `root` and all its descendants, from /proc. */
function processTree(root) {
  const children = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]) ?? []));
  return tree;
}

function commandLine(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim();
  } catch {
    return null;
  }
}

const isAlive = (pid) => {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z ");
  } catch {
    return false;
  }
};

function portAccepts(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port) });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

async function waitFor(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Kills `root` with `signal` and proves that no process of its tree and none of `urls` remain. */
async function expectWholeTreeStops(root, signal, urls) {
  const tree = processTree(root);
  const lines = tree.map(commandLine).filter(Boolean);
  expect(lines.some((line) => line.includes("serve.mjs"))).toBe(true);
  // By design no Prism child exists at all: Prism runs inside serve.mjs.
  expect(lines.filter((line) => /prism/i.test(line))).toEqual([]);
  process.kill(root, signal);
  await waitFor(() => tree.every((pid) => !isAlive(pid)), 30_000, `processes ${tree.join(", ")} to end`);
  for (const url of Object.values(urls)) expect(await portAccepts(url), `${url} still accepts connections`).toBe(false);
}

it("MOCKS.md matches the specs (regenerate with `node tools/mock/gen-mocks-md.mjs`)", async () => {
  expect(readFileSync(MOCKS_MD, "utf8")).toBe(await renderMocksMd());
});

// The main instance is started as an app developer starts it: `pnpm mock` with two providers named, one port from the
// environment and one from a flag; it is stopped by SIGTERM to pnpm's PID. A second, smaller instance (serve.mjs
// itself, one provider) is stopped by SIGINT. PortOne's mock (the largest spec, 5 CPU-s to start) is the one its
// contract suite runs against (its global setup starts serve.mjs), which also checks its names, 422 and 401
// (packages/portone/test/contract/mock.test.ts).
const served = ["payssam", "portone-global"];
describe("pnpm mock", () => {
  let mock;
  let urls;
  let envPort;
  beforeAll(async () => {
    envPort = await freePort();
    // pnpm exits on SIGTERM without passing the signal on; serve.mjs notices that it was orphaned.
    const pnpm = process.env.npm_execpath?.includes("pnpm") ? [process.execPath, process.env.npm_execpath] : ["pnpm"];
    mock = start(pnpm[0], [...pnpm.slice(1), "--silent", "mock", ...served, "--payssam", "0", "--quiet"], /Mocks are running/, {
      PAYSPEC_MOCK_PORTONE_GLOBAL: String(envPort),
    });
    urls = urlsOf(await mock.ready);
  }, STARTUP_MS);
  afterAll(() => {
    for (const pid of processTree(mock.child.pid).reverse()) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  });

  it("serves the providers named, on the ports asked for by flag and by environment", () => {
    expect(Object.keys(urls).sort()).toEqual(served);
    expect(urls["portone-global"]).toBe(`http://127.0.0.1:${envPort}`);
  });

  // Every named example of PaySsam and PortOne Global, each chosen by name alone.
  it.each(served)("%s: named examples answer with their status", async (provider) => {
    const operations = operationExamples(await bundleSpec(provider));
    const failures = [];
    let count = 0;
    for (const operation of operations) {
      const seen = new Set();
      for (const response of operation.responses) {
        const fresh = response.examples.filter(({ name }) => !seen.has(name));
        for (const { name } of response.examples) seen.add(name);
        for (const example of fresh) {
          const prefer = `example=${example.name}`;
          count++;
          const res = await fetch(urls[provider] + operation.sample.path, {
            method: operation.method,
            headers: { ...operation.sample.headers, Prefer: prefer },
            body: operation.sample.body,
          });
          const type = res.headers.get("content-type") ?? "";
          const body = await res.text();
          if (String(res.status) !== response.status || type.includes("problem+json") || res.headers.has("sl-violations")) {
            failures.push(`${operation.operationId} ${prefer}: ${res.status} ${type} ${res.headers.get("sl-violations") ?? ""} ${body.slice(0, 300)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(count).toBeGreaterThan(operations.length);
  }, 120_000);

  // Every answer the mock makes itself, as the README's table lists them: application/problem+json with `type`,
  // `title`, `status` (the HTTP status) and `detail`, never a body a client could take for the provider's.
  describe.each(served)("%s: the mock's own answers", (provider) => {
    let operation;
    beforeAll(async () => {
      operation = operationExamples(await bundleSpec(provider)).find((o) => o.method.toLowerCase() === "post" && o.sample.body);
    });
    /** Sends the operation's sample request with `change` applied; resolves with the status, media type and JSON body. */
    async function ask(change = {}) {
      const res = await fetch(urls[provider] + (change.path ?? operation.sample.path), {
        method: operation.method,
        headers: { ...operation.sample.headers, ...change.headers },
        body: change.body ?? operation.sample.body,
      });
      const text = await res.text();
      return { status: res.status, type: res.headers.get("content-type"), body: JSON.parse(text) };
    }
    function expectProblem(answer, status, type, title) {
      expect(answer).toMatchObject({ status, type: "application/problem+json", body: { type, title, status, detail: expect.any(String) } });
    }
    const invalid = "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY";

    // Prism itself answered `400 {"error":{"code":"invalid_json","message":"Invalid JSON"}}`.
    it("malformed JSON: 422, with the parser's reason", async () => {
      const answer = await ask({ body: '{"amount": 1000,' });
      expectProblem(answer, 422, invalid, "Invalid request");
      expect(answer.body.detail).toContain(`The request does not match the spec of ${operation.operationId}: body: is not valid JSON (`);
      expect(answer.body.validation).toEqual([expect.objectContaining({ location: ["request", "body"], code: "parse" })]);
    });

    it("a request that breaks the spec: 422, naming what is wrong", async () => {
      const answer = await ask({ body: "{}" });
      expectProblem(answer, 422, invalid, "Invalid request");
      expect(answer.body.detail).toContain("must have required property");
      expect(answer.body.validation.length).toBeGreaterThan(0);
    });

    it("an unknown example: 404, listing the operation's names", async () => {
      const answer = await ask({ headers: { Prefer: "example=NO_SUCH_EXAMPLE" } });
      expectProblem(answer, 404, "https://stoplight.io/prism/errors#NOT_FOUND", "Unknown example");
      expect(answer.body.detail).toContain(`${operation.operationId} has no example named "NO_SUCH_EXAMPLE"`);
      expect(answer.body.detail).toContain(operation.responses[0].examples[0].name);
    });

    // Prism itself answered `400 {"error":{"code":"invalid_body",…}}` (as text/plain to a client that does not accept JSON).
    it.each(["application/json", "text/html"])("a charset it cannot read (Accept: %s): 400", async (accept) => {
      const answer = await ask({ headers: { "Content-Type": "application/json; charset=no-such-charset", Accept: accept } });
      expectProblem(answer, 400, "about:blank", "Bad Request");
      expect(answer.body.detail).toBe("The mock could not read the request body: Invalid body.");
    });

    // Prism itself answered `413 {"error":{"code":"request_entity_too_large",…}}`.
    it("a body over Prism's 10 MB: 413", async () => {
      const answer = await ask({ body: JSON.stringify("x".repeat(10 * 1024 * 1024 + 1)) });
      expectProblem(answer, 413, "about:blank", "Payload Too Large");
      expect(answer.body.detail).toContain("10mb");
    });

    it("no such path: Prism's own 404", async () => {
      const answer = await ask({ path: "/no/such/path" });
      expectProblem(answer, 404, "https://stoplight.io/prism/errors#NO_PATH_MATCHED_ERROR", "Route not resolved, no path matched");
    });
  });

  it("stops whole on SIGTERM to the PID of `pnpm mock`: no process left, no port open", async () => {
    await expectWholeTreeStops(mock.child.pid, "SIGTERM", urls);
  }, 60_000);
});

it("stops whole on SIGINT to serve.mjs", async () => {
  // The smallest spec starts fastest; the instance above stops all three through pnpm.
  const mock = start(process.execPath, [serve, "portone-global", "--portone-global", "0", "--quiet"], /Mocks are running/);
  const urls = urlsOf(await mock.ready);
  expect(Object.keys(urls)).toEqual(["portone-global"]);
  await expectWholeTreeStops(mock.child.pid, "SIGINT", urls);
  expect(await mock.exited).toEqual({ code: 130, signal: null });
}, STARTUP_MS);

it("names the port and the cause when a port is busy", async () => {
  const blocker = createServer();
  await new Promise((resolve) => blocker.listen(0, "127.0.0.1", resolve));
  const { port } = blocker.address();
  try {
    const mock = start(process.execPath, [serve, "payssam", "--payssam", String(port)], /$^/);
    mock.ready.catch(() => {});
    expect(await mock.exited).toEqual({ code: 1, signal: null });
    expect(mock.output()).toContain(`payssam: port ${port} on 127.0.0.1 is already in use`);
    expect(mock.output()).toContain(`--payssam ${port + 1000}`);
  } finally {
    blocker.close();
  }
}, STARTUP_MS);
