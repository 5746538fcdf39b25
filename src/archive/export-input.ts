/**
 * Checks `exportArchive`'s input before any request: resource names, the time range.
 * @module
 */

import { isResource, type Resource } from "../../generated/dataportability.v1.operations.js";
import { parseTimeRange } from "../util/time.js";
import { usageError } from "./fail.js";

/** The request part of the input, normalised: sorted unique resources, ISO times. */
export interface ExportRequest {
  resources: Resource[];
  startTime?: string | undefined;
  endTime?: string | undefined;
}

export function validateExportRequest(
  input: {
    resources: readonly string[];
    startTime?: Date | string | undefined;
    endTime?: Date | string | undefined;
  },
  now = Date.now(),
): ExportRequest {
  if (!Array.isArray(input.resources) || input.resources.length === 0) {
    throw usageError(
      'resources must name at least one resource group, e.g. ["myactivity.youtube"].',
    );
  }
  const unknown = input.resources.filter((r) => typeof r !== "string" || !isResource(r));
  if (unknown.length > 0) {
    throw usageError(
      `Unknown resource ${unknown.map((r) => JSON.stringify(r)).join(", ")}: use names such as "myactivity.youtube" (CLI: \`dataportability resources\` lists them).`,
    );
  }
  const resources = [...new Set(input.resources as Resource[])].sort();
  const { startTime, endTime } = parseTimeRange({ start: input.startTime, end: input.endTime });
  for (const [name, t] of [
    ["startTime", startTime],
    ["endTime", endTime],
  ] as const) {
    if (t !== undefined && Date.parse(t) > now) {
      throw usageError(`${name} ${t} is in the future: there is no data yet to export.`);
    }
  }
  return { resources, startTime, endTime };
}

/** Whether a manifest was written for the same request. */
export function sameRequest(
  a: ExportRequest,
  b: { resources: readonly string[]; startTime?: string | undefined; endTime?: string | undefined },
): boolean {
  const sorted = [...new Set(b.resources)].sort();
  return (
    sorted.length === a.resources.length &&
    sorted.every((r, i) => r === a.resources[i]) &&
    (a.startTime ?? "") === (b.startTime ?? "") &&
    (a.endTime ?? "") === (b.endTime ?? "")
  );
}
