/**
 * One API request from the wire to a handler: bearer token (or `access_token`), query and path
 * checks, body reading and schema validation, then the method's handler; system parameters
 * (`alt`, `fields`, `prettyPrint`) in system-params.ts.
 * @module
 */

import { API_HANDLERS, type ApiContext } from "./api.js";
import { readJsonBody } from "./body.js";
import { invalidArgument, unauthenticated } from "./google-error.js";
import { type RouteMatch, resourceName } from "./openapi.js";
import { responseMask, shapeResponse } from "./system-params.js";
import type { TokenStore } from "./tokens.js";
import { validateValue } from "./validate.js";
import { validateQuery } from "./validate-query.js";

export interface ApiRequestContext extends ApiContext {
  tokens: TokenStore;
  maxBodyBytes: number;
}

/** Job ids the emulator can have issued: URL-safe, bounded. */
const JOB_ID = /^[A-Za-z0-9_-]{1,128}$/;

/** The bearer token of a request, from `Authorization` or the `access_token` query parameter. */
export function bearerToken(request: Request): string | undefined {
  const header = request.headers.get("authorization");
  if (header !== null) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return m?.[1] ?? "";
  }
  return new URL(request.url).searchParams.get("access_token") ?? undefined;
}

function checkPath(match: RouteMatch): Response | { jobId: string | undefined } {
  const { route, params } = match;
  let jobId: string | undefined;
  for (const p of route.pathParams) {
    const value = params[p.name] ?? "";
    const name = resourceName(route, params) ?? value;
    const patternOk = p.resourcePattern?.test(name) ?? p.pattern?.test(value) ?? true;
    if (!patternOk || !JOB_ID.test(value)) {
      return invalidArgument(
        `Invalid resource name "${name}": expected archiveJobs/{archive_job} with a job id such as the archiveJobId initiate returned.`,
        p.resourceParam ?? p.name,
      );
    }
    jobId = value;
  }
  return { jobId };
}

/**
 * Runs an API call that matched `match`, then applies the `fields` mask and
 * `prettyPrint=false` (compact JSON, as from Google).
 */
export async function handleApiRequest(
  request: Request,
  match: RouteMatch,
  ctx: ApiRequestContext,
): Promise<Response> {
  const response = await answerApi(request, match, ctx);
  const query = new URL(request.url).searchParams;
  // answerApi refused a bad mask before running the method, so this one is valid.
  const mask = responseMask(match.route, query);
  return shapeResponse(
    response,
    mask instanceof Response ? undefined : mask,
    query.get("prettyPrint") === "false",
  );
}

async function answerApi(
  request: Request,
  match: RouteMatch,
  ctx: ApiRequestContext,
): Promise<Response> {
  const { route } = match;
  const auth = ctx.tokens.authenticate(bearerToken(request));
  if (!auth.ok) {
    return unauthenticated(auth.missing, auth.reason);
  }
  const url = new URL(request.url);
  const query = validateQuery(route, url.searchParams);
  if (!query.ok) {
    return invalidArgument(query.message, query.field);
  }
  // Checked before the method runs, so a refused mask does not, say, start an export.
  const mask = responseMask(route, url.searchParams);
  if (mask instanceof Response) {
    return mask;
  }
  const path = checkPath(match);
  if (path instanceof Response) {
    return path;
  }
  let body: Record<string, unknown> = {};
  if (route.method !== "GET" && route.method !== "DELETE") {
    const read = await readJsonBody(request, ctx.maxBodyBytes);
    if (!read.ok) {
      return read.response;
    }
    const schema = route.bodySchema ?? { type: "object", properties: {} };
    const checked = validateValue(route, schema, read.value);
    if (!checked.ok) {
      return invalidArgument(checked.message, checked.field);
    }
    body = checked.value as Record<string, unknown>;
  }
  const suffix = route.operationId.split(".").at(-1) ?? "";
  const handler = API_HANDLERS[suffix];
  if (handler === undefined) {
    return invalidArgument(`Method ${route.operationId} is not implemented by the emulator.`);
  }
  return handler({ grant: auth.grant, body, jobId: path.jobId, origin: url.origin }, ctx);
}
