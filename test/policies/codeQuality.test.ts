// One policy per file, named like the file (pulumi/compliance-policies' naming, with the file named by the
// policy): every policy file exports exactly one policy, registered in policies/all.ts, whose name is the file's
// base name and whose JSDoc @severity and @link agree with the registry. And the pack is self-contained: nothing
// under policies/ imports a file outside it or a package its own package.json does not pin.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { allPolicies, registeredPolicies } from "../../policies/all";

const POLICIES = join(__dirname, "../../policies");
const ROOT_PACKAGE = JSON.parse(readFileSync(join(__dirname, "../../package.json"), "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const PACK_PACKAGE = JSON.parse(readFileSync(join(POLICIES, "package.json"), "utf8")) as {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (entry === "node_modules") return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|js)$/.test(entry) ? [path] : [];
  });
}

const policyFiles = sourceFiles(POLICIES).filter((path) =>
  /^(durabletask|authorization)\//.test(relative(POLICIES, path)),
);
const files = policyFiles.map((path) => [relative(POLICIES, path), path] as const);
const declaredName = (source: string) => /^\s+name: "([a-z0-9-]+)",$/m.exec(source)?.[1];

describe("policy files", () => {
  it("cover every registered policy exactly once", () => {
    const declared = policyFiles.map((path) => declaredName(readFileSync(path, "utf8")));
    expect([...declared].sort()).toEqual(allPolicies.map((p) => p.name).sort());
  });

  it.each(files)("%s declares the policy named like the file", (_file, path) => {
    const source = readFileSync(path, "utf8");
    expect(declaredName(source)).toBe(basename(path, ".ts"));
    expect([...source.matchAll(/^\s+name: "/gm)]).toHaveLength(1);
  });

  it.each(files)("%s documents its severity and a public link", (_file, path) => {
    const source = readFileSync(path, "utf8");
    const entry = registeredPolicies.find((e) => e.policy.name === declaredName(source));
    expect(entry, `no registered policy in ${path}`).toBeDefined();
    expect(source).toContain(` * @severity ${entry?.metadata.severity}\n`);
    expect(source).toMatch(/ \* @link https:\/\/learn\.microsoft\.com\/\S+\n/);
  });
});

describe("the pack's self-containment", () => {
  const packages = Object.keys({ ...PACK_PACKAGE.dependencies, ...PACK_PACKAGE.devDependencies });
  const specifiers = sourceFiles(POLICIES).flatMap((path) =>
    [
      ...readFileSync(path, "utf8").matchAll(
        /(?:^import [^;]*? from |^export [^;]*? from |require\()"([^"]+)"/gm,
      ),
    ].map((m) => [relative(POLICIES, path), m[1] ?? ""] as const),
  );

  it("finds the imports it checks", () => {
    expect(specifiers.length).toBeGreaterThan(50);
  });

  it("imports nothing outside policies/ and only packages its package.json pins", () => {
    for (const [file, specifier] of specifiers) {
      if (specifier.startsWith(".")) {
        const target = resolve(dirname(join(POLICIES, file)), specifier);
        expect(relative(POLICIES, target).startsWith(".."), `${file} imports ${specifier}`).toBe(
          false,
        );
      } else if (!specifier.startsWith("node:")) {
        const name = specifier.startsWith("@")
          ? specifier.split("/").slice(0, 2).join("/")
          : (specifier.split("/")[0] ?? "");
        expect(packages, `${file} imports ${specifier}`).toContain(name);
      }
    }
  });

  it("pins every dependency exactly, at the root package.json's version", () => {
    for (const [name, version] of Object.entries({
      ...PACK_PACKAGE.dependencies,
      ...PACK_PACKAGE.devDependencies,
    })) {
      expect(version, name).toMatch(/^\d+\.\d+\.\d+$/);
      expect(version, name).toBe(
        ROOT_PACKAGE.dependencies[name] ?? ROOT_PACKAGE.devDependencies[name],
      );
    }
    expect(PACK_PACKAGE.dependencies["@pulumi/policy"]).toBeDefined();
    expect(PACK_PACKAGE.dependencies["@pulumi/pulumi"]).toBeDefined();
    expect(PACK_PACKAGE.main).toBe("pack.js");
  });
});
