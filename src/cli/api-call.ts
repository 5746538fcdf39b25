/**
 * One API call with a session opened for it and closed after, for the single-call commands.
 * The runtime is imported here, on use, so that `--help` and usage errors stay fast.
 * @module
 */
import type { DataPortabilityClient } from "../client.js";
import type { CommandContext } from "./context.js";

type Methods = typeof import("../methods/index.js");

export async function callApi<T>(
  context: CommandContext,
  call: (methods: Methods, client: DataPortabilityClient, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const [{ openSession }, methods] = await Promise.all([
    import("./session.js"),
    import("../methods/index.js"),
  ]);
  const session = await openSession(context);
  try {
    return await call(methods, session.client, context.signal);
  } finally {
    await session.close();
  }
}
