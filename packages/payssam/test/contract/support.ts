export { createPaySsamClient, createPaySsamFetchClient, PaySpecApiError, type PaySsamClient } from "../../src/index.js";
export { paySsamResultCodes as paySsamResultCodesForTest } from "@payspec/payssam-errors";
