import assert from "node:assert/strict";
import { getEventListeners } from "node:events";
import { it } from "node:test";
import { getArchiveState } from "../../src/methods/index.js";
import { sendJson, startServer, testClient } from "./helpers/server.js";

it("a long-lived signal passed to many calls keeps no abort listeners from them", async (t) => {
  const server = await startServer(t, (_req, res) => sendJson(res, 200, { state: "IN_PROGRESS" }));
  const client = testClient(server);
  // A poll loop's shape: the same AbortSignal on every call. Listeners left on it by finished
  // calls would go only when their Requests are garbage collected, and past 1500 Node warns.
  const controller = new AbortController();
  for (let i = 0; i < 200; i++) {
    await getArchiveState(client, "j1", { signal: controller.signal });
  }
  assert.equal(getEventListeners(controller.signal, "abort").length, 0);
});
