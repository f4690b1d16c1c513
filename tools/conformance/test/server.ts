// A local HTTP server whose misbehaviour each case chooses: it answers on 127.0.0.1 only, counts
// the requests that reached it, and closes every connection when the suite ends.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Behaviour = (request: IncomingMessage, response: ServerResponse, body: string) => void;

export interface FaultServer {
  readonly url: string;
  /** Requests received since the last `reset`. */
  readonly received: { method: string; url: string; headers: IncomingMessage["headers"]; body: string }[];
  reset(behaviour: Behaviour): void;
  close(): Promise<void>;
}

export async function startFaultServer(): Promise<FaultServer> {
  let behaviour: Behaviour = (_req, res) => res.end();
  const received: FaultServer["received"] = [];
  const server: Server = createServer((request, response) => {
    // Counted when the request arrives (headers read), not when its body ends: a client that gives up
    // early has still reached the server.
    const entry = { method: request.method ?? "", url: request.url ?? "", headers: request.headers, body: "" };
    received.push(entry);
    const current = behaviour;
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (entry.body += chunk));
    request.on("end", () => current(request, response, entry.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    reset(next) {
      behaviour = next;
      received.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on: bound, read, and released again. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
