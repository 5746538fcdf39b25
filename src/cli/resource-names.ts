/**
 * Resource names typed by a person (`myactivity.youtube`, comma or space separated), checked
 * against the generated list before any request, with a "did you mean" for typos.
 * @module
 */
import {
  isResource,
  RESOURCES,
  type Resource,
} from "../../generated/dataportability.v1.operations.js";
import { DataPortabilityError } from "../errors.js";

/** Splits, de-duplicates and validates resource names; throws a usage error naming the bad one. */
export function parseResourceNames(inputs: readonly string[], flag = "resource"): Resource[] {
  const names = inputs.flatMap((input) => input.split(/[\s,]+/)).filter((name) => name !== "");
  if (names.length === 0) {
    throw new DataPortabilityError({
      kind: "usage",
      message: `no ${flag} given; list them with \`dataportability resources\``,
    });
  }
  const valid: Resource[] = [];
  for (const name of names) {
    if (!isResource(name)) {
      const guess = closest(name);
      throw new DataPortabilityError({
        kind: "usage",
        message: `unknown ${flag} "${name}"${guess ? ` (did you mean "${guess}"?)` : ""}; list them with \`dataportability resources\``,
      });
    }
    if (!valid.includes(name)) {
      valid.push(name);
    }
  }
  return valid;
}

/** The resource name nearest to `name` by edit distance, if it is close enough to be a typo. */
function closest(name: string): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 4)) + 1;
  for (const candidate of RESOURCES) {
    const distance = editDistance(name.toLowerCase(), candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
