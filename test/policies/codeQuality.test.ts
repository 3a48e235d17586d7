// One policy per file, documented where it is declared: every policy file exports
// exactly one policy, registered in policies/all.ts, whose JSDoc @severity and @link agree with the object.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { allPolicies } from "../../policies/all";

const POLICIES = join(__dirname, "../../policies");

function policyFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry === "lib" ? [] : policyFiles(path);
    return /\/(durabletask|authorization)\//.test(path) && path.endsWith(".ts") ? [path] : [];
  });
}

const files = policyFiles(POLICIES).map((path) => [relative(POLICIES, path), path] as const);

describe("policy files", () => {
  it("cover every registered policy exactly once", () => {
    const declared = files.flatMap(([, path]) =>
      [...readFileSync(path, "utf8").matchAll(/^\s+name: "(dtsx-[a-z-]+)",$/gm)].map((m) => m[1]),
    );
    expect([...declared].sort()).toEqual(allPolicies.map((p) => p.name).sort());
  });

  it.each(files)("%s documents its severity and its docs anchor", (_file, path) => {
    const source = readFileSync(path, "utf8");
    const name = /^\s+name: "(dtsx-[a-z-]+)",$/m.exec(source)?.[1];
    const policy = allPolicies.find((candidate) => candidate.name === name);
    expect(policy, `no registered policy named ${name}`).toBeDefined();
    expect(source).toContain(` * @severity ${policy?.severity}\n`);
    expect(source).toContain(` * @link ../../../docs/policies.md#${name}\n`);
  });
});
