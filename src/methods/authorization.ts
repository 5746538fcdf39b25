/**
 * `authorization:reset` and `accessType:check`: calls about the user's grant, not a job.
 * Both request messages are empty, so no body is sent.
 * @module
 */

import {
  type AnyDataPortabilityClient,
  type CallOptions,
  requestInit,
  unwrap,
  versioned,
} from "./call.js";

/**
 * Revokes the user's tokens and resets exhausted scopes. Call it after every job has finished
 * and its archives are downloaded: it also makes earlier archives inaccessible.
 * @see https://developers.google.com/data-portability/reference/rest/v1/authorization/reset
 */
export async function resetAuthorization(
  client: AnyDataPortabilityClient,
  options?: CallOptions,
): Promise<void> {
  const { api, path } = versioned(client);
  await unwrap("reset", api.POST(path("/v1/authorization:reset"), requestInit(options)));
}

/** Which of the token's resources have one-time and which time-based access. */
export interface AccessTypes {
  oneTimeResources: string[];
  timeBasedResources: string[];
}

/**
 * Reports the access type of each resource the token grants.
 * @see https://developers.google.com/data-portability/reference/rest/v1/accessType/check
 */
export async function checkAccessType(
  client: AnyDataPortabilityClient,
  options?: CallOptions,
): Promise<AccessTypes> {
  const { api, path } = versioned(client);
  const data = await unwrap(
    "accessType.check",
    api.POST(path("/v1/accessType:check"), requestInit(options)),
  );
  return {
    oneTimeResources: data?.oneTimeResources ?? [],
    timeBasedResources: data?.timeBasedResources ?? [],
  };
}
