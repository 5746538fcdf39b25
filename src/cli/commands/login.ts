/**
 * `dataportability login`: grant the CLI access to some resources in the browser and save the
 * refresh token. The token itself is never printed.
 * @module
 */
import { readFile } from "node:fs/promises";
import { type Command, Option } from "commander";
import { DataPortabilityError } from "../../errors.js";
import { type CommandContext, defineAction } from "../context.js";
import { credentialsPath, writeCredentials } from "../credentials.js";
import { loginWithLoopback, type OAuthEndpoints } from "../oauth-login.js";
import { openBrowser } from "../open-browser.js";
import { parseResourceNames } from "../resource-names.js";

interface LoginFlags {
  scopes?: string[];
  clientId?: string;
  clientSecret?: string;
  clientFile?: string;
  browser: boolean;
  oauthUrl?: string;
}

export function registerLogin(program: Command): void {
  program
    .command("login")
    .description("grant this CLI access to resources in your browser")
    .argument("[resource...]", "resource names to grant (see `dataportability resources`)")
    .option("-s, --scopes <resources...>", "the same, as an option: comma or space separated")
    .option("--client-id <id>", "OAuth client id of your installed app")
    .option("--client-secret <secret>", "OAuth client secret of your installed app")
    .option(
      "--client-file <path>",
      "Google's client JSON for an installed app (instead of --client-id)",
    )
    .option("--no-browser", "do not try to open a browser; only print the URL")
    .addOption(
      new Option(
        "--oauth-url <url>",
        "origin of the OAuth endpoints (an emulator); defaults to --base-url",
      )
        .env("DATAPORTABILITY_OAUTH_URL")
        .hideHelp(),
    )
    .addHelpText(
      "after",
      "\nCredentials are saved to $XDG_CONFIG_HOME/dataportability/credentials.json (mode 600).",
    )
    .action(defineAction(login));
}

async function login(context: CommandContext): Promise<number | undefined> {
  const flags = context.command.opts<LoginFlags>();
  const names = [...context.command.args, ...(flags.scopes ?? [])];
  if (names.length === 0) {
    throw new DataPortabilityError({
      kind: "usage",
      message:
        "name the resources to grant, e.g. `dataportability login myactivity.youtube` (`dataportability resources` lists them)",
    });
  }
  const resources = parseResourceNames(names);
  const { output } = context;
  if (context.flags.emulator) {
    const { startEmbeddedEmulator } = await import("../embedded-emulator.js");
    const embedded = await startEmbeddedEmulator(context, resources);
    await embedded.close();
    const granted = embedded.credentials.resources;
    output.result(
      { emulator: true, saved: false, resources: granted },
      `Logged in to the embedded emulator for ${granted.join(", ")} (not saved: it stops with this command).`,
    );
    return undefined;
  }
  const oauthOrigin = flags.oauthUrl ?? context.flags.baseUrl;
  const client = await clientFrom(flags, oauthOrigin !== undefined);
  const endpoints = oauthOrigin ? await endpointsAt(oauthOrigin) : undefined;
  const result = await loginWithLoopback({
    ...client,
    resources,
    endpoints,
    signal: context.signal,
    present(url) {
      output.prompt(`Open this URL in your browser to grant access:\n\n  ${url}\n`);
      if (flags.browser && output.stdout.isTTY) {
        openBrowser(url);
      }
      output.prompt("Waiting for the browser to come back (Ctrl-C to stop)…");
    },
  });
  const path = credentialsPath(context.env);
  await writeCredentials(path, {
    ...result.credentials,
    base_url: context.flags.baseUrl,
  });
  const granted = result.credentials.resources;
  const lines = [`Logged in for ${granted.length} resources: ${granted.join(", ")}.`];
  if (result.missing.length > 0) {
    output.warn(`not granted: ${result.missing.join(", ")}; exports of those will be refused`);
  }
  lines.push(`Credentials saved to ${path} (mode 600).`);
  output.result({ credentialsPath: path, resources: granted, missing: result.missing }, lines);
  return undefined;
}

/** The OAuth client: flags, else the client JSON file, else the emulator's any-client default. */
async function clientFrom(
  flags: LoginFlags,
  local: boolean,
): Promise<{ clientId: string; clientSecret?: string | undefined }> {
  if (flags.clientId) {
    return { clientId: flags.clientId, clientSecret: flags.clientSecret };
  }
  if (flags.clientFile) {
    return readClientFile(flags.clientFile);
  }
  if (local) {
    return { clientId: "dataportability-cli" };
  }
  throw new DataPortabilityError({
    kind: "usage",
    message:
      "no OAuth client given; pass --client-file <client_secret.json> (an installed app client from the Google Cloud console) or --client-id and --client-secret",
  });
}

async function readClientFile(path: string): Promise<{ clientId: string; clientSecret?: string }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new DataPortabilityError({
      kind: "usage",
      message: `cannot read the client file ${path} (${(error as NodeJS.ErrnoException).code ?? "not JSON"}); download it from the Google Cloud console (OAuth client, Desktop app)`,
      cause: error,
    });
  }
  const record = parsed as { installed?: unknown; web?: unknown };
  const client = (record.installed ?? record.web) as
    | { client_id?: unknown; client_secret?: unknown }
    | undefined;
  if (typeof client?.client_id !== "string") {
    throw new DataPortabilityError({
      kind: "usage",
      message: `${path} has no installed.client_id; download the JSON of a Desktop app OAuth client`,
    });
  }
  return typeof client.client_secret === "string"
    ? { clientId: client.client_id, clientSecret: client.client_secret }
    : { clientId: client.client_id };
}

async function endpointsAt(origin: string): Promise<OAuthEndpoints> {
  const { emulatorOAuthEndpoints } = await import("../../emulator/index.js");
  const endpoints = emulatorOAuthEndpoints(origin);
  return {
    authUrl: endpoints.oauth2AuthBaseUrl,
    tokenUrl: endpoints.oauth2TokenUrl,
    revokeUrl: endpoints.oauth2RevokeUrl,
  };
}
