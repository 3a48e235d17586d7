// Import cycles including type-only imports. ESLint's import-x/no-cycle (eslint.config.mjs) skips `import type`,
// because such cycles vanish at runtime; they still tie two modules into one concept, so this test forbids them
// too. Pure file reading, no servers.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "../..");
const SOURCE_FOLDERS = [
  "dts",
  "components",
  "topology",
  "stacks",
  "policies",
  "emulator",
  "cli",
  "providers",
  "bench",
];

type Graph = ReadonlyMap<string, readonly string[]>;

function sourceFiles(folder: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(folder)) {
    if (entry === "node_modules" || entry === "dist") continue;
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (path.endsWith(".ts") && !path.endsWith(".d.ts")) files.push(path);
  }
  return files;
}

/** Resolves a relative specifier like tsconfig's `bundler` resolution: `x.ts`, then `x/index.ts`. */
function resolveRelative(fromFile: string, specifier: string): string | undefined {
  const base = resolve(dirname(fromFile), specifier);
  return [`${base}.ts`, join(base, "index.ts"), base].find(
    (candidate) => candidate.endsWith(".ts") && existsSync(candidate),
  );
}

/** Every relative import and re-export of every source file, type-only ones included. */
function importGraph(): Graph {
  const graph = new Map<string, string[]>();
  for (const folder of SOURCE_FOLDERS) {
    for (const file of sourceFiles(join(ROOT, folder))) {
      const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
      graph.set(
        file,
        importedFiles
          .map((imported) => imported.fileName)
          .filter((specifier) => specifier.startsWith("."))
          .flatMap((specifier) => resolveRelative(file, specifier) ?? []),
      );
    }
  }
  return graph;
}

/** Strongly connected components with more than one file (Tarjan), i.e. the import cycles. */
function cyclesOf(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(target) ?? 0));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(target) ?? 0));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

describe("import graph", () => {
  it("finds a cycle when there is one, and none in a chain", () => {
    expect(
      cyclesOf(
        new Map([
          ["a", ["b"]],
          ["b", ["c"]],
          ["c", ["a"]],
          ["d", ["a"]],
        ]),
      ),
    ).toEqual([["a", "b", "c"]]);
    expect(
      cyclesOf(
        new Map([
          ["a", ["b"]],
          ["b", ["c"]],
          ["c", []],
        ]),
      ),
    ).toEqual([]);
  });

  it("reads the real sources, type-only imports included", () => {
    const graph = importGraph();
    const app = join(ROOT, "emulator/dashboard/ui/app.ts");
    expect(graph.get(app)).toContain(join(ROOT, "emulator/dashboard/ui/view.ts"));
    expect([...graph.values()].flat().length).toBeGreaterThan(300);
  });

  it("has no import cycle in the sources, type-only imports included", () => {
    const cycles = cyclesOf(importGraph()).map((cycle) =>
      cycle.map((file) => relative(ROOT, file)),
    );
    expect(cycles).toEqual([]);
  });
});
