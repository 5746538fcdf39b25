/**
 * dataportability-client: a typed client for Google's Data Portability API, the export
 * workflow on top of it, and a local emulator of the API.
 *
 * Every public name is listed here; modules not re-exported are internal. The emulator is
 * exported from `dataportability-client/emulator` (src/emulator/index.ts), so that apps which
 * import the client do not load it.
 * @module
 */

export type {
  components,
  operations,
  paths,
} from "../generated/dataportability.v1.js";
export {
  isResource,
  OPERATIONS,
  type OperationInfo,
  RESOURCES,
  REVISION,
  type Resource,
  SCOPE_PREFIX,
  SCOPES,
  scopeFor,
} from "../generated/dataportability.v1.operations.js";
export type { paths as V1BetaPaths } from "../generated/dataportability.v1beta.js";
export {
  type ArchiveClient,
  type ArchiveFile,
  type ArchiveJobState,
  type ArchiveSource,
  type DoneProgress,
  type DownloadOptions,
  type DownloadProgress,
  type DownloadRetryOptions,
  downloadArchive,
  type ExportManifest,
  type ExportOptions,
  type ExportProgress,
  type ExportResult,
  exportArchive,
  type FileHashes,
  type InitiateProgress,
  MANIFEST_NAME,
  type ManifestFile,
  type ProgressListener,
  readManifest,
  type WaitOptions,
  type WaitProgress,
  waitForArchive,
} from "./archive/index.js";
export type {
  AuthInput,
  AuthorizedUserJson,
  GoogleAuthClientLike,
  GoogleAuthLike,
  TokenContext,
  TokenFunction,
} from "./auth/types.js";
export {
  createDataPortabilityClient,
  type DataPortabilityClient,
  type PathsFor,
} from "./client.js";
export {
  DataPortabilityError,
  type DataPortabilityErrorInit,
  type DataPortabilityErrorKind,
  isDataPortabilityError,
} from "./errors.js";
export { parseJobId } from "./job-id.js";
export {
  type AccessTypes,
  type AnyDataPortabilityClient,
  type CallOptions,
  cancelArchive,
  checkAccessType,
  getArchiveState,
  type InitiateArchiveInput,
  type InitiateArchiveResult,
  initiateArchive,
  type PortabilityArchiveState,
  resetAuthorization,
  retryArchive,
} from "./methods/index.js";
export {
  type ApiVersion,
  type DataPortabilityClientOptions,
  DEFAULT_BASE_URL,
  type FetchLike,
  type RequestRetryOverride,
  type RetryOptions,
} from "./options.js";
export { redact } from "./redact.js";
export { parseRpcStatus, type RpcErrorInfo, type RpcStatus } from "./rpc-status.js";
