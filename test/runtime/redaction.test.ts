import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inspect } from "node:util";
import { OAuth2Client } from "googleapis-common";
import { createDataPortabilityClient } from "../../src/client.js";
import { DataPortabilityError, isDataPortabilityError } from "../../src/errors.js";
import { parseJobId } from "../../src/job-id.js";
import { checkAccessType, getArchiveState, initiateArchive } from "../../src/methods/index.js";
import { redact } from "../../src/redact.js";
import { errorInfo, googleError, sendJson, startServer, testClient } from "./helpers/server.js";

const ACCESS = "ya29.a0SecretAccessToken123";
const REFRESH = "1//0gSecretRefreshToken456";
const OPAQUE = "opaqueStaticToken789";
const SIG = "deadbeefsignature0042";
const SIGNED_URL = `https://storage.googleapis.com/b/o.zip?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Signature=${SIG}&x=1`;
const SECRETS = [ACCESS, REFRESH, OPAQUE, SIG];
/** Text carrying every secret the way servers and libraries tend to echo them. */
const LEAKY = `Authorization: Bearer ${OPAQUE}; token ${ACCESS} refresh_token=${REFRESH} url ${SIGNED_URL} {"access_token":"${ACCESS}"}`;

/** Every rendering of an error a user or a log could see, cause chain included. */
function renderings(error: unknown): string[] {
  const out: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 10; depth++) {
    if (current instanceof Error) {
      out.push(current.message, String(current), current.stack ?? "");
    }
    out.push(JSON.stringify(current) ?? "", inspect(current, { depth: Number.POSITIVE_INFINITY }));
    current = (current as { cause?: unknown } | null)?.cause;
  }
  return out;
}

/** Runs `fn`, which must throw synchronously, and returns what it threw. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  assert.fail("expected a throw");
}

function assertClean(error: unknown, path: string): void {
  assert.ok(isDataPortabilityError(error), `${path}: ${String(error)}`);
  for (const text of renderings(error)) {
    for (const secret of SECRETS) {
      assert.ok(!text.includes(secret), `${path} leaked ${secret} in: ${text.slice(0, 300)}`);
    }
  }
}

describe("redact()", () => {
  it("removes tokens, Authorization values and URL signatures", () => {
    const out = redact(LEAKY);
    for (const secret of SECRETS) {
      assert.ok(!out.includes(secret), out);
    }
    assert.match(out, /X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Signature=\[REDACTED\]&x=1/);
  });

  it("covers Signature= and sig= query values and leaves ordinary text alone", () => {
    assert.equal(
      redact("https://a/b?Expires=1&Signature=abc123&Key-Pair-Id=k"),
      "https://a/b?Expires=1&Signature=[REDACTED]&Key-Pair-Id=k",
    );
    assert.equal(redact("https://a/b?sv=1&sig=xyz%3D"), "https://a/b?sv=1&sig=[REDACTED]");
    assert.equal(
      redact("job archiveJobs/abc at https://host:443/v1/x"),
      "job archiveJobs/abc at https://host:443/v1/x",
    );
  });

  it("keeps the method name authorization:reset while masking every Authorization value", () => {
    assert.equal(
      redact("POST /v1/authorization:reset: try again after authorization:reset"),
      "POST /v1/authorization:reset: try again after authorization:reset",
    );
    for (const header of [
      "Authorization: Bearer abc123",
      "authorization:Bearer abc123",
      '{"authorization": "Bearer abc123"}',
      "authorization=Bearer%20abc123",
    ]) {
      assert.ok(!redact(header).includes("abc123"), header);
    }
  });
});

describe("no error path leaks a token or a signature", () => {
  it("API error bodies (message, metadata, HTML)", async (t) => {
    const server = await startServer(t, (_req, res, i) => {
      if (i === 0) {
        sendJson(
          res,
          400,
          googleError(400, "INVALID_ARGUMENT", LEAKY, [
            errorInfo(`R`, { url: SIGNED_URL, token: ACCESS }),
          ]),
        );
      } else {
        res.writeHead(500, { "content-type": "text/html" });
        res.end(`<pre>${LEAKY}</pre>`);
      }
    });
    const client = testClient(server, { auth: OPAQUE, retry: false });
    assertClean(
      await initiateArchive(client, { resources: ["maps.reviews"] }).catch((e) => e),
      "json body",
    );
    assertClean(await checkAccessType(client).catch((e) => e), "html body");
  });

  it("network failures, raw client and helpers", async () => {
    const failing = async () => {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error(LEAKY), { code: "ECONNRESET", url: SIGNED_URL }),
      });
    };
    const client = createDataPortabilityClient({
      auth: OPAQUE,
      baseUrl: "http://127.0.0.1:9",
      fetch: failing,
      retry: false,
    });
    assertClean(await client.POST("/v1/accessType:check").catch((e) => e), "raw client");
    assertClean(await getArchiveState(client, "job-1").catch((e) => e), "helper");
  });

  it("auth failures: token function and refresh endpoint", async (t) => {
    const fn = createDataPortabilityClient({
      auth: () => {
        throw new Error(LEAKY);
      },
      baseUrl: "http://127.0.0.1:9",
    });
    assertClean(await checkAccessType(fn).catch((e) => e), "token function");
    const server = await startServer(t, (req, res) =>
      req.path === "/token"
        ? sendJson(res, 400, { error: "invalid_grant", error_description: LEAKY })
        : sendJson(res, 401, googleError(401, "UNAUTHENTICATED", LEAKY)),
    );
    const oauth = new OAuth2Client({ endpoints: { oauth2TokenUrl: `${server.url}/token` } });
    oauth.setCredentials({
      access_token: ACCESS,
      refresh_token: REFRESH,
      expiry_date: Date.now() + 3_600_000,
    });
    assertClean(
      await checkAccessType(testClient(server, { auth: oauth })).catch((e) => e),
      "refresh",
    );
  });

  it("aborts, timeouts, usage errors and errors built by other modules", async (t) => {
    const controller = new AbortController();
    controller.abort(new Error(LEAKY));
    const server = await startServer(t, () => {});
    const client = testClient(server, { auth: OPAQUE, timeoutMs: 50, retry: false });
    assertClean(
      await checkAccessType(client, { signal: controller.signal }).catch((e) => e),
      "abort",
    );
    assertClean(await checkAccessType(client).catch((e) => e), "timeout");
    assertClean(
      thrown(() => parseJobId(`${ACCESS}/x`)),
      "job id",
    );
    assertClean(
      thrown(() =>
        createDataPortabilityClient({
          auth: OPAQUE,
          baseUrl: `http://example.com/?access_token=${ACCESS}`,
        }),
      ),
      "baseUrl",
    );
    const built = new DataPortabilityError({
      kind: "io",
      message: `download of ${SIGNED_URL} failed`,
      metadata: { url: SIGNED_URL },
      status: LEAKY,
      cause: new Error(LEAKY, { cause: { note: LEAKY } }),
    });
    assertClean(built, "constructor");
  });
});
