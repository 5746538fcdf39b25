// Packs the package as npm would publish it, installs the tarball into an empty folder and checks
// that a consumer can import it, run its bin and see the generated types through `exports`.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { publint } from "publint";
import { formatMessage } from "publint/utils";

const root = fileURLToPath(new URL("..", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "dp-pack-"));
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });

try {
  run("npm", ["pack", "--silent", "--pack-destination", work], root);
  const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"));
  if (!tarball) {
    throw new Error("npm pack wrote no tarball");
  }
  const { messages } = await publint({ pkgDir: root, strict: true });
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  for (const message of messages) {
    console.log(`publint ${message.type}: ${formatMessage(message, pkg)}`);
  }
  if (messages.length > 0) {
    throw new Error(`publint reported ${messages.length} problem(s)`);
  }
  console.log("publint: no problems");

  const app = join(work, "app");
  run("mkdir", ["-p", app], work);
  writeFileSync(
    join(app, "package.json"),
    JSON.stringify({ name: "app", private: true, type: "module" }),
  );
  run(
    "npm",
    [
      "install",
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
      "--loglevel=error",
      join(work, tarball),
      "@types/node@22",
      "typescript@~5.9",
    ],
    app,
  );

  const probe = `
import * as dp from "dataportability-client";
const names = Object.keys(dp).sort();
for (const name of ["createDataPortabilityClient", "DataPortabilityError", "exportArchive"]) {
  if (!names.includes(name)) throw new Error("missing export " + name);
}
const emulator = await import("dataportability-client/emulator");
if (typeof emulator.startEmulator !== "function") throw new Error("missing startEmulator");
console.log("imported dataportability-client on node " + process.version + ": " + names.length + " exports");
`;
  console.log(run(process.execPath, ["--input-type=module", "-e", probe], app).trim());
  console.log(run(join(app, "node_modules", ".bin", "dataportability"), ["--version"], app).trim());

  writeFileSync(
    join(app, "check.ts"),
    `import type { paths } from "dataportability-client";
import { createDataPortabilityClient } from "dataportability-client";
type Reset = paths["/v1/authorization:reset"]["post"];
const ok: Reset extends object ? true : false = true;
const client = createDataPortabilityClient({ auth: "token" });
void client.POST("/v1/authorization:reset");
// @ts-expect-error not a path of the API
void client.GET("/v1/nope");
export { ok };
`,
  );
  writeFileSync(
    join(app, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        module: "NodeNext",
        moduleResolution: "NodeNext",
        target: "ES2023",
        types: ["node"],
        skipLibCheck: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
      },
      files: ["check.ts"],
    }),
  );
  run(process.execPath, [join(app, "node_modules", "typescript", "bin", "tsc"), "-p", app], app);
  console.log("strict tsc in the consumer sees the generated paths through exports");
} finally {
  rmSync(work, { recursive: true, force: true });
}
