/**
 * Typed helpers over the raw client: each returns data or throws a `DataPortabilityError`.
 * @module
 */

export {
  cancelArchive,
  getArchiveState,
  type PortabilityArchiveState,
  retryArchive,
} from "./archive-jobs.js";
export { type AccessTypes, checkAccessType, resetAuthorization } from "./authorization.js";
export type { AnyDataPortabilityClient, CallOptions } from "./call.js";
export {
  type InitiateArchiveInput,
  type InitiateArchiveResult,
  initiateArchive,
} from "./initiate.js";
