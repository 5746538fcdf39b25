/**
 * The emulator for bench/download.ts, in its own process so that its memory does not count
 * as the client's. Prints one JSON line `{ url, token }` and serves until killed.
 * Run: `npx tsx bench/download-emulator.ts <archiveBytes> <resource...>`.
 */

import { startEmulator } from "../src/emulator/index.js";

const archiveBytes = Number(process.argv[2] ?? 1024 ** 3);
const resources = process.argv.slice(3);
const running = await startEmulator({ seed: 1, pollsUntilComplete: 1, archiveBytes });
const { accessToken } = running.emulator.issueToken({ resources });
console.log(JSON.stringify({ url: running.url, token: accessToken }));
process.on("SIGTERM", () => {
  void running.close().then(() => process.exit(0));
});
