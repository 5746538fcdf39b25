/**
 * The last step of a one-time export.
 *
 * `resetAuthorization(client)` revokes the user's tokens for this project and resets the
 * exhausted one-time scopes, so that the user can consent and export again later. It also
 * makes earlier archives eligible for deletion, so call it only after `exportArchive` (or
 * `downloadArchive`) has returned and every job is finished; never merely because a new job
 * is about to start. After it, the client's token no longer works: sign in again.
 * @example
 * await exportArchive(client, { resources: ["myactivity.youtube"], dir: "./takeout" });
 * await resetAuthorization(client); // one-time access: done with this grant
 * @module
 */

export { resetAuthorization } from "../methods/index.js";
