/**
 * Best-effort "open this URL in the user's browser". Never fails: the URL is always printed too,
 * so a missing `xdg-open` (servers, containers) only means the user copies it by hand.
 * @module
 */
import { spawn } from "node:child_process";

export function openBrowser(url: string): void {
  const [command, ...args] =
    process.platform === "darwin"
      ? ["open", url]
      : process.platform === "win32"
        ? ["cmd", "/c", "start", '""', url.replace(/&/g, "^&")]
        : ["xdg-open", url];
  try {
    const child = spawn(command ?? "xdg-open", args, { stdio: "ignore", detached: true });
    child.on("error", () => {});
    child.unref();
  } catch {
    // No opener on this machine: the printed URL is the way in.
  }
}
