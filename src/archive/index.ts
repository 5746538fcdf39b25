/**
 * The export workflow: wait for a job, download its archive safely, or do it all in one
 * resumable call; then `resetAuthorization` for one-time access.
 * @module
 */

export { type ArchiveFile, type ArchiveSource, downloadArchive } from "./download.js";
export type { DownloadOptions, DownloadRetryOptions } from "./download-options.js";
export { type ExportOptions, type ExportResult, exportArchive } from "./export.js";
export type { FileHashes } from "./goog-hash.js";
export {
  type ExportManifest,
  MANIFEST_NAME,
  type ManifestFile,
  readManifest,
} from "./manifest.js";
export type { OpenPartFile, PartSink } from "./part-file.js";
export type {
  ArchiveJobState,
  DoneProgress,
  DownloadProgress,
  ExportProgress,
  InitiateProgress,
  ProgressListener,
  WaitProgress,
} from "./progress.js";
export { resetAuthorization } from "./reset.js";
export { type ArchiveClient, type WaitOptions, waitForArchive } from "./wait.js";
