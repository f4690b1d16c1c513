// The local server every runtime of the matrix calls: the few provider endpoints the checks use, answering by the
// id in the request (`ok-…` succeeds, `slow-…` succeeds after SLOW_MS, `missing-…` is the provider's business
// error, `stall-…` never answers), and a control endpoint that says whether a stalled request's connection was
// closed by the client — a timeout must abort the request, not only stop waiting for it. Loopback only.
import { createServer } from "node:http";

/** How long `slow-…` requests take: long enough for the calls of an overlap scenario to be in flight together. */
export const SLOW_MS = 150;

/** The request hash PaySsam's unit tests pin for their worked example (three-part: billId,phone,price). */
const PAYSSAM_BILL_HASH = "c381cdd2f56bc990da035d998b0bee8df1f12f9d59966483db8306cead9d96e9";
/** PortOne Global's worked example signed with PORTONE_SECRET (the reference's §4.5, pinned by the unit tests). */
const GLOBAL_SIGNATURE = "z08C7AhcFev4blBb6ULIJ0G9dRSmsqt23/eSc/1zxcA=";

const at = "2026-12-01T00:00:00Z";
/** A READY payment with every field the spec requires of one (the PortOne unit tests' fixture). */
const payment = (id) => ({
  status: "READY",
  id,
  transactionId: "tx-1",
  merchantId: "m",
  storeId: "s",
  version: "V2",
  requestedAt: at,
  updatedAt: at,
  statusChangedAt: at,
  orderName: "o",
  amount: { total: 1000, taxFree: 0, discount: 0, paid: 0, cancelled: 0, cancelledTaxFree: 0 },
  currency: "KRW",
  customer: {},
  origin: { platformType: "PC", ipAddress: "127.0.0.1" },
});

/** Starts the server on 127.0.0.1, on a free port; resolves once it accepts connections. */
export async function startServer() {
  /** Stalled requests by id: when they arrived and when the client closed their connection. */
  const stalls = new Map();
  const server = createServer((req, res) => {
    route(req, res).catch((error) => reply(res, 500, { error: String(error) }));
  });

  async function route(req, res) {
    const url = new URL(req.url, "http://127.0.0.1");
    const path = url.pathname;
    const body = req.method === "POST" ? await readJson(req) : undefined;

    let match;
    if ((match = /^\/control\/stall\/([^/]+)$/.exec(path))) {
      const stall = stalls.get(decodeURIComponent(match[1]));
      return reply(res, 200, stall ? { seen: true, closed: stall.closedAt !== undefined, openMs: (stall.closedAt ?? Date.now()) - stall.at } : { seen: false, closed: false });
    }
    if ((match = /^\/portone\/payments\/([^/]+)$/.exec(path)) && req.method === "GET") {
      const id = decodeURIComponent(match[1]);
      return answer(req, res, id, () => [200, payment(id)], () => [404, { type: "PAYMENT_NOT_FOUND", message: "결제 건이 존재하지 않습니다." }]);
    }
    if (path === "/payssam/bill/read" && req.method === "POST") {
      const id = String(body?.bill?.billId);
      return answer(req, res, id, () => [200, { code: "0000", message: "성공하였습니다.", data: { billId: id, apprState: "F" } }], () => [200, { code: "BILL_003", message: "청구서를 찾을 수 없습니다.", data: null }]);
    }
    if (path === "/payssam/bill" && req.method === "POST") {
      // The hash the client computed in the runtime under test, compared here with the pinned vector.
      const hash = body?.bill?.hash;
      if (hash !== PAYSSAM_BILL_HASH) return reply(res, 200, { code: "VALIDATION_001", message: `hash ${JSON.stringify(hash)} is not the pinned vector` });
      return reply(res, 200, { code: "0000", message: "성공하였습니다.", data: { billId: body.bill.billId, shortUrl: "https://payssam.kr/s/1" } });
    }
    if ((match = /^\/global\/api\/transaction\/([^/]+)\/status$/.exec(path)) && req.method === "GET") {
      const id = decodeURIComponent(match[1]);
      return answer(req, res, id, () => [200, { content: { status: "Success" }, status_code: "2000", status_reason: "SUCCESS" }], () => [404, { message: "not found", status_code: "4042", status_reason: "TRANSACTION_NOT_FOUND" }]);
    }
    if (path === "/global/api/initiatePayment" && req.method === "POST") {
      if (body?.signature_hash !== GLOBAL_SIGNATURE) return reply(res, 400, { message: `signature_hash ${JSON.stringify(body?.signature_hash)} is not the pinned vector`, status_code: "4001", status_reason: "INVALID_REQUEST" });
      return reply(res, 200, { is_success: true, order_ref: "R-1" });
    }
    return reply(res, 404, { error: `no route for ${req.method} ${path}` });
  }

  function answer(req, res, id, success, failure) {
    if (id.startsWith("stall-")) {
      const stall = { at: Date.now(), closedAt: undefined };
      stalls.set(id, stall);
      res.on("close", () => (stall.closedAt = Date.now()));
      return;
    }
    const send = () => reply(res, ...(id.startsWith("missing-") ? failure() : success()));
    if (id.startsWith("slow-")) setTimeout(send, SLOW_MS);
    else send();
  }

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  return {
    base: `http://127.0.0.1:${port}`,
    /** Stops the server and drops every connection still open (stalled requests a runtime never closed). */
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function reply(res, status, body) {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return undefined;
  }
}

