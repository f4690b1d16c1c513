// The app's side of webhooks in the tests: an HTTP server on 127.0.0.1 whose handler verifies each delivery with
// `verifyWebhook` of @payspec/portone/webhooks, as an app would, and answers with the statuses a test scripts.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhook, type WebhookVerification } from "@payspec/portone/webhooks";

export interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly verification: WebhookVerification;
  /** The status the handler answered. */
  readonly status: number;
}

export interface Receiver {
  readonly url: string;
  readonly received: Received[];
  /** The statuses of the next answers, in order; afterwards 200. */
  answerWith(...statuses: number[]): void;
  close(): Promise<void>;
}

export async function startReceiver(secret: string): Promise<Receiver> {
  const received: Received[] = [];
  const script: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      void verifyWebhook(body, req.headers, secret).then((verification) => {
        const status = verification.error ? 400 : (script.shift() ?? 200);
        received.push({ headers: req.headers, body, verification, status });
        res.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "ok" : "not now");
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/portone`,
    received,
    answerWith: (...statuses) => void script.push(...statuses),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
