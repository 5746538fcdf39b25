/**
 * The emulator's request log, so tests can count calls (how many initiates?) and see which
 * faults hit them.
 * @module
 */

export interface RequestLogEntry {
  method: string;
  /** URL path without the query (signed URL signatures never appear here). */
  path: string;
  /** Operation id, or `download`, `token`, `revoke`, `authorize`; `unknown` when nothing matched. */
  target: string;
  /** 1-based attempt number on the target. */
  attempt: number;
  /** HTTP status answered; 0 when the connection was dropped. */
  status: number;
  /** Kinds of the faults injected into this request. */
  faults: string[];
}
