/**
 * Serves a 1 GiB archive from the emulator in a child process and downloads it with fetch,
 * printing throughput and the emulator's peak RSS (target: under 150 MB).
 *
 *   npx tsx bench/emulator-download.ts [--bytes N] [--max-file-bytes N] [--verify] [--unzip]
 *
 * --verify  checks the CRC-32C of the bytes against x-goog-hash while downloading;
 * --unzip   writes the zip to a temp file and runs `unzip -t` on it (needs /usr/bin/unzip).
 */

import { execFileSync, spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { crc32c, crc32cBase64 } from "../src/util/crc32c.js";

const MIB = 1024 * 1024;

interface ChildReady {
  url: string;
  token: string;
}
interface ChildRss {
  rss: number;
  maxRss: number;
}

async function child(bytes: number, maxFileBytes: number): Promise<void> {
  const { startEmulator } = await import("../src/emulator/index.js");
  const run = await startEmulator({ archiveBytes: bytes, maxFileBytes, pollsUntilComplete: 1 });
  const { accessToken } = run.emulator.issueToken({ resources: ["myactivity.youtube"] });
  process.on("message", (message) => {
    if (message === "rss") {
      process.send?.({
        rss: process.memoryUsage().rss,
        maxRss: process.resourceUsage().maxRSS * 1024,
      });
    } else if (message === "stop") {
      void run.close().then(() => process.exit(0));
    }
  });
  process.send?.({ url: run.url, token: accessToken });
}

function nextMessage<T>(proc: ReturnType<typeof spawn>): Promise<T> {
  return new Promise((resolve) => proc.once("message", (m) => resolve(m as T)));
}

async function parent(
  bytes: number,
  maxFileBytes: number,
  verify: boolean,
  unzip: boolean,
): Promise<void> {
  const script = fileURLToPath(import.meta.url);
  const proc = spawn(
    process.execPath,
    ["--import", "tsx", script, "--child", String(bytes), String(maxFileBytes)],
    { stdio: ["ignore", "inherit", "inherit", "ipc"] },
  );
  const { url, token } = await nextMessage<ChildReady>(proc);
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const initiated = await fetch(`${url}/v1/portabilityArchive:initiate`, {
    method: "POST",
    headers,
    body: JSON.stringify({ resources: ["myactivity.youtube"] }),
  });
  const { archiveJobId } = (await initiated.json()) as { archiveJobId: string };
  const state = await fetch(`${url}/v1/archiveJobs/${archiveJobId}/portabilityArchiveState`, {
    headers,
  });
  const { urls = [] } = (await state.json()) as { urls?: string[] };
  proc.send("rss");
  const idle = await nextMessage<ChildRss>(proc);

  const dir = unzip ? mkdtempSync(join(tmpdir(), "emulator-bench-")) : undefined;
  const started = performance.now();
  let received = 0;
  let crc = 0;
  let expectedCrc = "";
  for (const [i, u] of urls.entries()) {
    const response = await fetch(u);
    expectedCrc = /crc32c=([^,]+)/.exec(response.headers.get("x-goog-hash") ?? "")?.[1] ?? "";
    const out = dir === undefined ? undefined : createWriteStream(join(dir, `${i}.zip`));
    for await (const chunk of response.body ?? []) {
      received += chunk.byteLength;
      if (verify) {
        crc = crc32c(chunk, crc);
      }
      if (out !== undefined && !out.write(chunk)) {
        await new Promise<void>((r) => out.once("drain", () => r()));
      }
    }
    await new Promise<void>((r) => (out === undefined ? r() : out.end(() => r())));
  }
  const seconds = (performance.now() - started) / 1000;
  proc.send("rss");
  const busy = await nextMessage<ChildRss>(proc);
  proc.send("stop");

  console.log(
    `archive: ${(bytes / MIB).toFixed(0)} MiB in ${urls.length} file(s); received ${received} bytes`,
  );
  console.log(
    `download: ${seconds.toFixed(2)} s, ${(received / MIB / seconds).toFixed(0)} MiB/s (fetch, discarding)`,
  );
  console.log(
    `emulator RSS: idle ${(idle.rss / MIB).toFixed(1)} MB, after ${(busy.rss / MIB).toFixed(1)} MB, peak ${(busy.maxRss / MIB).toFixed(1)} MB (target < 150 MB)`,
  );
  if (verify) {
    console.log(
      `crc32c: ${crc32cBase64(crc) === expectedCrc ? "matches" : "DIFFERS from"} x-goog-hash (${expectedCrc})`,
    );
  }
  if (dir !== undefined) {
    if (existsSync("/usr/bin/unzip")) {
      for (const [i] of urls.entries()) {
        const tail = execFileSync("/usr/bin/unzip", ["-t", join(dir, `${i}.zip`)], {
          encoding: "utf8",
        })
          .trim()
          .split("\n")
          .at(-1);
        console.log(`unzip -t file ${i}: ${tail}`);
      }
    } else {
      console.log("unzip -t: skipped (/usr/bin/unzip not found)");
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
const numberArg = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
if (args[0] === "--child") {
  await child(Number(args[1]), Number(args[2]));
} else {
  const bytes = numberArg("--bytes", 1024 * MIB);
  const maxFileBytes = numberArg("--max-file-bytes", 2048 * MIB);
  await parent(bytes, maxFileBytes, args.includes("--verify"), args.includes("--unzip"));
}
