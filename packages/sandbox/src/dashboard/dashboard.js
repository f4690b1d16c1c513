// The sandbox dashboard: reads the control API under /__sandbox/ once a second and drives its customer steps
// (PortOne checkout, PaySsam approval, PortOne Global completion and payment-link payment), redelivery and clock
// calls. Plain script, no build
// step, same origin only. Every value from the sandbox (payment ids, bill ids, webhook answers) is written as text
// (text nodes, textContent), never parsed as HTML.
"use strict";

const API = "/__sandbox";
const POLL_MS = 1000;
const CAN_CHECKOUT = new Set(["PRE_REGISTERED", "READY", "FAILED"]);
const PAY_METHODS = ["CARD", "TRANSFER", "MOBILE", "GIFT_CERTIFICATE", "EASY_PAY", "CONVENIENCE_STORE", "CRYPTO"];

/** PaySsam's `apprState` letters, as the table explains them. */
const BILL_STATES = { W: "unpaid", F: "paid", C: "cancelled", D: "destroyed" };

/** What the user set that a re-render must keep: open history rows (per table), the chosen pay method per payment. */
const kept = { open: new Set(), method: new Map() };
let lastPayments = "";
let lastSchedules = "";
let lastLinks = "";
let lastBills = "";
let lastTransactions = "";
let lastDeliveries = "";
let busy = false;
let offline = false;

const $ = (id) => document.getElementById(id);

/** An element with attributes and children (strings become text nodes). */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null) continue;
    node.append(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
  }
  return node;
}

function show(text, ok) {
  const message = $("message");
  message.textContent = text;
  message.className = ok ? "ok" : "";
  message.hidden = text === "";
}

/** A control call; resolves with the JSON answer, or throws an Error with the problem document's detail. */
async function call(method, path, body) {
  const init = { method, headers: { accept: "application/json" } };
  if (body !== undefined) {
    init.headers["content-type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(API + path, init);
  const text = await response.text();
  let value;
  try {
    value = text === "" ? {} : JSON.parse(text);
  } catch {
    value = { detail: text };
  }
  if (!response.ok) throw new Error(`${response.status} ${value.title ?? ""}: ${value.detail ?? text}`.trim());
  return value;
}

const time = (iso) => (typeof iso === "string" ? iso.replace("T", " ").replace(/\.\d+Z$/, "Z") : "");
const badge = (status) => el("span", { class: `status status-${String(status).replace(/[^A-Za-z_]/g, "")}`, "data-status": status }, String(status));

function amountOf(checkout) {
  const p = checkout.payment;
  if (p && p.amount) return `${p.amount.total} ${p.currency ?? ""}`.trim() + (p.amount.cancelled ? ` (cancelled ${p.amount.cancelled})` : "");
  const pre = checkout.preRegistered;
  return pre && pre.totalAmount !== undefined ? `${pre.totalAmount} ${pre.currency ?? ""}`.trim() : "";
}

function methodOf(payment) {
  const m = payment && payment.method;
  if (!m || typeof m.type !== "string") return "";
  const name = m.type.replace(/^PaymentMethod/, "");
  return m.type === "PaymentMethodVirtualAccount" && m.accountNumber ? `${name} ${m.bank ?? ""} ${m.accountNumber}` : name;
}

/** A payment's cash receipt (Payment.cashReceipt): its status and type, or a dash when it has none. */
function receiptCell(payment) {
  const receipt = payment && payment.cashReceipt;
  if (!receipt || typeof receipt !== "object") return el("span", { class: "hint" }, "—");
  return el("span", { class: "receipt", "data-receipt-status": receipt.status, "data-receipt-type": receipt.type },
    badge(receipt.status), ` ${receipt.type ?? ""}`, receipt.issueNumber ? el("span", { class: "hint" }, ` no. ${receipt.issueNumber}`) : "");
}

/**
 * A billing key cut to its ends: enough to tell keys apart on the page, not the credential to copy (the full key is
 * in the control API's answer).
 */
function shortKey(key) {
  const text = String(key ?? "");
  return text.length > 16 ? `${text.slice(0, 8)}…${text.slice(-4)}` : text;
}

/** Runs a control action from a button, then refreshes at once. */
async function act(label, method, path, body) {
  if (busy) return;
  busy = true;
  try {
    await call(method, path, body);
    show(`${label}: done`, true);
  } catch (error) {
    show(`${label}: ${error.message}`, false);
  } finally {
    busy = false;
  }
  await refresh();
}

function checkoutActions(checkout) {
  const id = checkout.paymentId;
  const path = `/portone/payments/${encodeURIComponent(id)}`;
  if (CAN_CHECKOUT.has(checkout.status)) {
    const select = el("select", { "aria-label": `pay method for ${id}`, onchange: (e) => kept.method.set(id, e.target.value) },
      PAY_METHODS.map((m) => el("option", { value: m, selected: (kept.method.get(id) ?? "CARD") === m }, m)));
    return el("div", { class: "actions" },
      select,
      el("button", { type: "button", "data-action": "pay", onclick: () => act(`pay ${id}`, "POST", `${path}/pay`, { payMethod: select.value }) }, "Pay"),
      el("button", { type: "button", "data-action": "fail", onclick: () => act(`fail ${id}`, "POST", `${path}/fail`, {}) }, "Fail"),
      el("button", { type: "button", "data-action": "virtual-account", onclick: () => act(`virtual account for ${id}`, "POST", `${path}/virtual-account`, {}) }, "Virtual account"));
  }
  if (checkout.status === "VIRTUAL_ACCOUNT_ISSUED") {
    return el("div", { class: "actions" },
      el("button", { type: "button", "data-action": "deposit", onclick: () => act(`deposit into ${id}`, "POST", `${path}/deposit`, {}) }, "Deposit"));
  }
  return el("span", { class: "hint" }, "—");
}

/** A row's id with its history folded under it; stays open across re-renders once opened. */
function folded(key, summary, ...content) {
  return el("details", { ontoggle: (e) => (e.target.open ? kept.open.add(key) : kept.open.delete(key)), open: kept.open.has(key) },
    el("summary", {}, summary), ...content);
}

/** The latest delivery of a provider about a subject (a billId, an order_ref), or undefined. */
function lastDeliveryOf(deliveries, provider, subject) {
  return deliveries.filter((d) => d.provider === provider && d.subject === subject).at(-1);
}

/** A delivery's event, state and last answer, as one cell: what the app's handler made of it. */
function deliveryCell(delivery) {
  if (!delivery) return el("span", { class: "hint" }, "—");
  const last = delivery.attempts.at(-1);
  return el("span", { class: "delivery", "data-delivery-event": delivery.event, "data-delivery-state": delivery.state },
    `${delivery.event} `,
    badge(delivery.state),
    last === undefined ? ""
    : last.status !== undefined ? el("span", { class: "mono", "data-http-status": last.status }, ` HTTP ${last.status}`)
    : el("span", { class: "mono" }, ` ${last.error ?? "no answer"}`),
    ` ${delivery.attempts.length} attempt${delivery.attempts.length === 1 ? "" : "s"}`);
}

function renderPayments(items) {
  const body = $("payments").tBodies[0];
  body.replaceChildren();
  for (const checkout of [...items].reverse()) {
    const id = checkout.paymentId;
    const history = folded(`portone:${id}`, id,
      el("ol", { class: "history" }, checkout.history.map((h) =>
        el("li", {}, el("span", { class: "mono" }, time(h.at)), " ", badge(h.status), h.event ? ` → ${h.event}` : "", h.detail ? ` (${h.detail})` : ""))));
    body.append(el("tr", { "data-payment-id": id },
      el("td", {}, history),
      el("td", { class: "state" }, badge(checkout.status)),
      el("td", {}, amountOf(checkout)),
      el("td", {}, methodOf(checkout.payment)),
      el("td", { class: "receipt" }, receiptCell(checkout.payment)),
      el("td", { class: "mono" }, time(checkout.payment ? checkout.payment.updatedAt : checkout.history.at(-1)?.at)),
      el("td", {}, checkoutActions(checkout))));
  }
  $("no-payments").hidden = items.length > 0;
}

/** Schedules come newest first; the payment each produced is the one carrying its id (Payment.scheduleId). */
function renderSchedules(items, checkouts) {
  const body = $("schedules").tBodies[0];
  body.replaceChildren();
  for (const schedule of items) {
    const made = checkouts.find((c) => c.payment && c.payment.scheduleId === schedule.id);
    const done = schedule.completedAt ?? schedule.revokedAt;
    body.append(el("tr", { "data-schedule-id": schedule.id },
      el("td", { class: "mono" }, schedule.id, done ? el("div", { class: "hint" }, `${String(schedule.status).toLowerCase()} ${time(done)}`) : null),
      el("td", { class: "mono" }, schedule.paymentId),
      el("td", { class: "order-name" }, schedule.orderName),
      el("td", { class: "mono billing-key" }, shortKey(schedule.billingKey)),
      el("td", {}, `${schedule.totalAmount} ${schedule.currency ?? ""}`.trim()),
      el("td", { class: "mono" }, time(schedule.timeToPay)),
      el("td", { class: "state" }, badge(schedule.status)),
      el("td", { class: "payment" }, made ? el("span", { "data-payment": made.paymentId }, badge(made.status), el("span", { class: "mono" }, ` ${made.paymentId}`)) : el("span", { class: "hint" }, "—"))));
  }
  $("no-schedules").hidden = items.length > 0;
}

function billActions(bill) {
  if (bill.apprState !== "W") return el("span", { class: "hint" }, "—");
  const id = bill.billId;
  return el("div", { class: "actions" },
    el("button", { type: "button", "data-action": "approve", onclick: () => act(`approve ${id}`, "POST", `/payssam/bills/${encodeURIComponent(id)}/approve`, {}) }, "Approve"));
}

function renderBills(items, deliveries) {
  const body = $("bills").tBodies[0];
  body.replaceChildren();
  for (const bill of [...items].reverse()) {
    const id = bill.billId;
    const read = bill.read ?? {};
    const history = folded(`payssam:${id}`, id,
      el("ol", { class: "history" }, bill.history.map((h) =>
        el("li", {}, el("span", { class: "mono" }, time(h.at)), " ", badge(h.state), ` ${h.what}`))),
      read.apprNum ? el("div", { class: "hint" }, `apprNum ${read.apprNum}`, read.apprOriginNum ? ` (origin ${read.apprOriginNum})` : "", read.apprIssuer ? `, ${read.apprIssuer}` : "") : null,
      el("div", { class: "hint" }, `merchant ${bill.merchant}, callback to ${bill.callbackUrl}`));
    body.append(el("tr", { "data-bill-id": id },
      el("td", {}, history),
      el("td", { class: "state" }, badge(bill.apprState), el("span", { class: "hint" }, ` ${BILL_STATES[bill.apprState] ?? ""}`)),
      el("td", {}, bill.productName),
      el("td", {}, bill.price),
      el("td", {}, `${bill.sendType} ×${bill.sends}`),
      el("td", { class: "callback" }, deliveryCell(lastDeliveryOf(deliveries, "payssam", id))),
      el("td", {}, billActions(bill))));
  }
  $("no-bills").hidden = items.length > 0;
}

function transactionActions(transaction) {
  const ref = transaction.details.order_ref;
  if (transaction.details.status !== "Pending") return el("span", { class: "hint" }, "—");
  const path = `/portone-global/transactions/${encodeURIComponent(ref)}/complete`;
  return el("div", { class: "actions" },
    el("button", { type: "button", "data-action": "success", onclick: () => act(`complete ${ref} (Success)`, "POST", path, { status: "Success" }) }, "Success"),
    el("button", { type: "button", "data-action": "failed", onclick: () => act(`complete ${ref} (Failed)`, "POST", path, { status: "Failed" }) }, "Failed"));
}

function renderTransactions(items, deliveries) {
  const body = $("transactions").tBodies[0];
  body.replaceChildren();
  for (const transaction of [...items].reverse()) {
    const d = transaction.details;
    const ref = d.order_ref;
    const refunds = transaction.refunds ?? { amountToRefund: 0, refundDetails: [] };
    const history = folded(`portone-global:${ref}`, ref,
      el("ol", { class: "history" }, transaction.history.map((h) =>
        el("li", {}, el("span", { class: "mono" }, time(h.at)), " ", badge(h.status), ` ${h.what}`))),
      d.status_code ? el("div", { class: "hint" }, `status_code ${d.status_code} ${d.status_reason}`) : null);
    body.append(el("tr", { "data-order-ref": ref, "data-merchant-order-ref": d.merchant_order_ref },
      el("td", {}, history),
      el("td", { class: "mono" }, d.merchant_order_ref),
      el("td", { class: "state" }, badge(d.status)),
      el("td", {}, `${d.amount} ${d.currency}`),
      el("td", { class: "refunds" },
        refunds.refundDetails.length === 0 ? el("span", { class: "hint" }, "—")
        : el("ul", { class: "attempts" }, refunds.refundDetails.map((r) => el("li", { "data-refund-id": r.refund_id }, `${r.amount} ${r.currency} ${r.refund_type} ${time(r.refund_date)}`))),
        d.status === "Success" ? el("div", { class: "hint" }, `refundable ${refunds.amountToRefund}`) : null),
      el("td", {}, d.method_name),
      el("td", { class: "webhook" }, deliveryCell(lastDeliveryOf(deliveries, "portone-global", ref))),
      el("td", {}, transactionActions(transaction))));
  }
  $("no-transactions").hidden = items.length > 0;
}

function linkActions(link) {
  if (link.status !== "Created") return el("span", { class: "hint" }, "—");
  const ref = link.payment_link_ref;
  return el("div", { class: "actions" },
    el("button", { type: "button", "data-action": "pay-link", onclick: () => act(`pay link ${ref}`, "POST", `/portone-global/links/${encodeURIComponent(ref)}/pay`, { status: "Success" }) }, "Pay"));
}

/** Each attempt of a link is a transaction: shown with that transaction's status, looked up by its order_ref. */
function renderLinks(items, transactions) {
  const body = $("links").tBodies[0];
  body.replaceChildren();
  for (const link of [...items].reverse()) {
    const refs = Array.isArray(link.transactions) ? link.transactions : [];
    const attempts = refs.length === 0 ? el("span", { class: "hint" }, "—")
      : el("ul", { class: "attempts" }, refs.map((orderRef) => {
        const status = transactions.find((t) => t.details.order_ref === orderRef)?.details.status;
        return el("li", { "data-order-ref": orderRef }, el("span", { class: "mono" }, `${orderRef} `), status ? badge(status) : "");
      }));
    body.append(el("tr", { "data-link-ref": link.payment_link_ref },
      el("td", { class: "mono" }, link.payment_link_ref, el("div", { class: "hint" }, time(link.created_at))),
      el("td", { class: "mono merchant-order" }, link.merchant_order_ref ?? ""),
      el("td", {}, `${link.amount} ${link.currency}`),
      el("td", { class: "state" }, badge(link.status)),
      el("td", { class: "attempts" }, attempts),
      el("td", {}, linkActions(link))));
  }
  $("no-links").hidden = items.length > 0;
}

function renderDeliveries(items) {
  const body = $("deliveries").tBodies[0];
  body.replaceChildren();
  for (const d of [...items].reverse()) {
    const attempts = el("ul", { class: "attempts" }, d.attempts.map((a) =>
      el("li", { "data-attempt": a.number },
        `#${a.number} ${a.trigger} `,
        a.status !== undefined ? el("span", { class: `status status-${a.ok ? "ok" : "error"}`, "data-http-status": a.status }, String(a.status)) : el("span", { class: "status status-error" }, a.error ?? "no answer"),
        ` ${a.latencyMs} ms, ${time(a.at)}`)));
    if (d.nextAttemptAt) attempts.append(el("li", { class: "hint" }, `next attempt ${time(d.nextAttemptAt)}`));
    body.append(el("tr", { "data-delivery-id": d.id, "data-event": d.event, "data-provider": d.provider, "data-subject": d.subject },
      el("td", {}, folded(`delivery:${d.id}`, d.event, el("pre", { class: "mono" }, d.body), el("div", { class: "hint" }, `to ${d.url}`))),
      el("td", { class: "mono subject" }, d.subject),
      el("td", { class: "state" }, badge(d.state)),
      el("td", {}, attempts),
      el("td", { class: "mono" }, time(d.createdAt)),
      el("td", { class: "provider" }, d.provider),
      el("td", {}, el("button", { type: "button", "data-action": "redeliver", onclick: () => act(`redeliver ${d.event}`, "POST", `/deliveries/${encodeURIComponent(d.id)}/redeliver`, {}) }, "Redeliver"))));
  }
  $("no-deliveries").hidden = items.length > 0;
}

let refreshing;
/** Reads everything; re-renders a table only when its data changed (so open rows and selections stay put). */
function refresh() {
  refreshing ??= (async () => {
    try {
      const [clock, checkouts, schedules, bills, transactions, links, deliveries, webhook, globalWebhook] = await Promise.all([
        call("GET", "/clock"), call("GET", "/portone/checkouts"), call("GET", "/portone/schedules"), call("GET", "/payssam/bills"),
        call("GET", "/portone-global/transactions"), call("GET", "/portone-global/links"),
        call("GET", "/deliveries"), call("GET", "/portone/webhook"), call("GET", "/portone-global/webhook"),
      ]);
      $("clock").textContent = time(clock.now);
      $("clock").dateTime = clock.now;
      $("webhook-url").textContent = webhook.webhook ? webhook.webhook.url : "(no webhook URL configured)";
      $("global-webhook-url").textContent = globalWebhook.webhook ? globalWebhook.webhook.url : "(no webhook URL configured)";
      const p = JSON.stringify(checkouts.items);
      if (p !== lastPayments) renderPayments(checkouts.items), (lastPayments = p);
      // Schedules show the payment each produced, links each attempt's status: they re-render when either changed.
      const s = JSON.stringify(schedules.items) + p;
      if (s !== lastSchedules) renderSchedules(schedules.items, checkouts.items), (lastSchedules = s);
      // Bills and transactions show their latest delivery too: they re-render when either changed.
      const d = JSON.stringify(deliveries.items);
      const b = JSON.stringify(bills.items) + d;
      if (b !== lastBills) renderBills(bills.items, deliveries.items), (lastBills = b);
      const t = JSON.stringify(transactions.items) + d;
      if (t !== lastTransactions) renderTransactions(transactions.items, deliveries.items), (lastTransactions = t);
      const l = JSON.stringify(links.items) + JSON.stringify(transactions.items);
      if (l !== lastLinks) renderLinks(links.items, transactions.items), (lastLinks = l);
      if (d !== lastDeliveries) renderDeliveries(deliveries.items), (lastDeliveries = d);
      if (offline) show("", true), (offline = false);
    } catch (error) {
      offline = true;
      show(`The sandbox does not answer: ${error.message}`, false);
    } finally {
      refreshing = undefined;
    }
  })();
  return refreshing;
}

async function poll() {
  await refresh();
  setTimeout(poll, POLL_MS);
}

$("advance").addEventListener("click", () => {
  const minutes = Number($("advance-minutes").value);
  if (!Number.isFinite(minutes) || minutes < 0) return show("advance: minutes must be a number ≥ 0", false);
  return act(`advance ${minutes} min`, "POST", "/clock/advance", { minutes });
});
poll();
