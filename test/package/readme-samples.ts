// The README's code samples, compiled by `npm run typecheck` (never run): if a public name or
// signature they use changes, the typecheck fails.
import { OAuth2Client } from "googleapis-common";
import { startEmulator } from "../../src/emulator/index.js";
import { createDataPortabilityClient, exportArchive, resetAuthorization } from "../../src/index.js";

export async function appSample(clientId: string, clientSecret: string, refresh: string) {
  const auth = new OAuth2Client({ clientId, clientSecret });
  auth.setCredentials({ refresh_token: refresh });
  const client = createDataPortabilityClient({ auth });
  const jobId = "abc";
  const { data, error } = await client.GET(
    "/v1/archiveJobs/{archiveJobsId}/portabilityArchiveState",
    { params: { path: { archiveJobsId: jobId } } },
  );
  await client.POST("/v1/authorization:reset");
  const result = await exportArchive(client, {
    resources: ["myactivity.youtube"],
    dir: "./takeout",
    onProgress: (event) => void event.phase,
  });
  await resetAuthorization(client);
  return { data, error, result };
}

export async function emulatorSample() {
  const emulator = await startEmulator();
  const { accessToken } = emulator.emulator.issueToken({ resources: ["myactivity.youtube"] });
  const client = createDataPortabilityClient({ auth: accessToken, baseUrl: emulator.url });
  await emulator.close();
  return client;
}
