/**
 * dataportability-client: a typed client for Google's Data Portability API, the export
 * workflow on top of it, and a local emulator of the API.
 *
 * Every public name is listed here; modules not re-exported are internal.
 * @module
 */

// The generated surface of the API (v1 unless named otherwise).
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
// The export workflow.
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
// The client.
export {
  createDataPortabilityClient,
  type DataPortabilityClient,
  type PathsFor,
} from "./client.js";

// The emulator lives at `dataportability-client/emulator` (src/emulator/index.ts), so that apps
// importing the client do not load it.
