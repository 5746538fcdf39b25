/**
 * The saved login: `$XDG_CONFIG_HOME/dataportability/credentials.json` (else
 * `~/.config/...`), written 0600 in a 0700 directory and refused when others can read it,
 * because it holds a refresh token that can export the user's data.
 * @module
 */
import { chmod, mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { DataPortabilityError } from "../errors.js";

/** What `login` saves. Field names follow Google's `authorized_user` files where they exist. */
export interface StoredCredentials {
  type: "authorized_user";
  client_id: string;
  client_secret?: string | undefined;
  refresh_token?: string | undefined;
  access_token?: string | undefined;
  /** Milliseconds since the epoch, as google-auth-library reports it. */
  expiry_date?: number | undefined;
  /** Resource names the user granted (may be fewer than were asked for). */
  resources: string[];
  /** OAuth endpoints, saved only when they are not Google's (the emulator). */
  auth_url?: string | undefined;
  token_url?: string | undefined;
  revoke_url?: string | undefined;
  /** API base URL, saved only when it is not Google's (the emulator). */
  base_url?: string | undefined;
}

/** Where credentials live for this environment. */
export function credentialsPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME?.trim() ? env.XDG_CONFIG_HOME : join(homedir(), ".config");
  return join(base, "dataportability", "credentials.json");
}

/** Reads saved credentials; `undefined` when there are none. Throws when the file is unsafe. */
export async function readCredentials(path: string): Promise<StoredCredentials | undefined> {
  let mode: number;
  try {
    mode = (await stat(path)).mode;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      return undefined;
    }
    throw ioError(`cannot read ${path}`, path, error);
  }
  if (process.platform !== "win32" && (mode & 0o077) !== 0) {
    throw new DataPortabilityError({
      kind: "auth",
      message: `refusing to use ${path}: it is readable by other users (mode ${(mode & 0o777).toString(8)}); fix it with \`chmod 600 ${path}\` or log in again`,
    });
  }
  const text = await readFile(path, "utf8").catch((error: unknown) => {
    throw ioError(`cannot read ${path}`, path, error);
  });
  return parseCredentials(text, path);
}

function parseCredentials(text: string, path: string): StoredCredentials {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const record = value as Partial<StoredCredentials> | undefined;
  if (!record || typeof record.client_id !== "string" || !Array.isArray(record.resources)) {
    throw new DataPortabilityError({
      kind: "auth",
      message: `${path} is not a credentials file written by \`dataportability login\`; delete it and log in again`,
    });
  }
  return record as StoredCredentials;
}

/** Writes credentials atomically with mode 0600 (directory 0700), whatever the umask. */
export async function writeCredentials(
  path: string,
  credentials: StoredCredentials,
): Promise<void> {
  const dir = dirname(path);
  const temp = `${path}.${process.pid}.tmp`;
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await chmod(dir, 0o700);
    await writeFile(temp, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
    await chmod(temp, 0o600);
    await rename(temp, path);
  } catch (error) {
    throw ioError(`cannot save credentials to ${path}`, path, error);
  }
}

function ioError(what: string, path: string, cause: unknown): DataPortabilityError {
  const reason = (cause as NodeJS.ErrnoException).code ?? String(cause);
  return new DataPortabilityError({
    kind: "io",
    message: `${what} (${reason}); check the permissions of ${dirname(path)}`,
    cause,
  });
}
