/**
 * `dataportability resources`: every resource name the API knows, with its OAuth scope,
 * grouped by product (the part before the first dot).
 * @module
 */
import type { Command } from "commander";
import {
  RESOURCES,
  type Resource,
  scopeFor,
} from "../../../generated/dataportability.v1.operations.js";
import { defineAction } from "../context.js";

export function registerResources(program: Command): void {
  program
    .command("resources")
    .description("list exportable resource names and their scopes, by product")
    .action(
      defineAction(async ({ output }) => {
        const groups = new Map<string, Resource[]>();
        for (const name of RESOURCES) {
          const product = name.split(".")[0] ?? name;
          groups.set(product, [...(groups.get(product) ?? []), name]);
        }
        const json = [...groups].map(([product, names]) => ({
          product,
          resources: names.map((name) => ({ name, scope: scopeFor(name) })),
        }));
        const width = Math.max(...RESOURCES.map((name) => name.length));
        const lines: string[] = [];
        for (const [product, names] of groups) {
          lines.push(`${product}`);
          for (const name of names) {
            lines.push(`  ${name.padEnd(width)}  ${scopeFor(name)}`);
          }
        }
        lines.push("", `${RESOURCES.length} resources in ${groups.size} products`);
        output.result(json, lines);
        return undefined;
      }),
    );
}
