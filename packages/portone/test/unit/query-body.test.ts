// Operations whose query-form input (`requestBody`) the provider requires get `requestBody={}` when the input is
// empty; before, an empty input sent no `requestBody` at all (issue 18: the two CSV downloads).
import { fakeFetch } from "@payspec/mock/fake-fetch";
import { expect, it } from "vitest";
import { createPortOneClient } from "../../src/index.js";

const csv = () => new Response("a,b\n", { status: 200, headers: { "content-type": "text/csv" } });

it.each(["downloadPlatformTransferSheet", "downloadB2bTaxInvoicesSheet"] as const)("%s({}) sends requestBody={}", async (operation) => {
  const { fetch, requests } = fakeFetch(csv);
  const client = createPortOneClient({ secret: "query-body-secret", fetch });
  const result = await (client[operation] as (input: object) => Promise<{ error?: unknown; data?: unknown }>)({});
  expect(result.error).toBeUndefined();
  expect(new URL(requests[0]!.url).searchParams.get("requestBody")).toBe("{}");
});

it("an operation whose query input is optional still sends none when it is empty", async () => {
  const { fetch, requests } = fakeFetch(() => new Response(JSON.stringify({ items: [], page: { number: 0, size: 10, totalCount: 0 } }), { headers: { "content-type": "application/json" } }));
  await createPortOneClient({ secret: "query-body-secret", fetch }).getPayments({});
  expect(new URL(requests[0]!.url).searchParams.has("requestBody")).toBe(false);
});
