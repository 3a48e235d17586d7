// Every stack file must also parse with Pulumi's own (Go, libyaml-derived, YAML 1.1) parser, not only with the
// `yaml` package dtsx reads stack files with. The Go parser rejects a plain scalar containing `:` inside a flow
// collection — `ipAllowlist: [127.0.0.1/32, ::1/128]` fails with "did not find expected node content" — which
// YAML 1.2 allows. So: inside `[…]`/`{…}`, a plain scalar never contains `:`; quote it ("::1/128").
import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import YAML, { isCollection, isScalar } from "yaml";
import { describe, expect, it } from "vitest";

const repositoryRoot = resolve(__dirname, "../..");

/** `Pulumi.<stack>.yaml` files in `directory` and, when `recursive`, below it. */
function stackFilesIn(directory: string, recursive: boolean): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive }).flatMap((entry) =>
    entry.isFile() && /^Pulumi\.[^.]+\.ya?ml$/.test(entry.name)
      ? [join(entry.parentPath, entry.name)]
      : [],
  );
}

/** Plain scalars inside flow collections whose source text contains `:`, with their line numbers. */
function unquotedColonsInFlow(source: string): string[] {
  const lines = new YAML.LineCounter();
  const document = YAML.parseDocument(source, { lineCounter: lines });
  const found: string[] = [];
  YAML.visit(document, {
    Scalar(_key, node, path) {
      const inFlow = path.some((ancestor) => isCollection(ancestor) && ancestor.flow === true);
      if (!inFlow || !isScalar(node) || node.type !== "PLAIN" || !node.range) return;
      const text = source.slice(node.range[0], node.range[1]);
      if (text.includes(":")) found.push(`line ${lines.linePos(node.range[0]).line}: ${text}`);
    },
  });
  return found;
}

const stackFiles = [
  ...stackFilesIn(join(repositoryRoot, "stacks"), false),
  ...stackFilesIn(join(repositoryRoot, "test"), true),
].sort();

describe("stack files parse under Pulumi's YAML 1.1 reading", () => {
  it("finds the repository's four stacks (and the test fixtures)", () => {
    expect(
      stackFiles.filter((file) => relative(repositoryRoot, file).startsWith("stacks/")),
    ).toHaveLength(4);
  });

  it("the rule catches the unquoted IPv6 range that broke `pulumi preview`, and accepts it quoted", () => {
    expect(unquotedColonsInFlow("ipAllowlist: [127.0.0.1/32, ::1/128]\n")).toEqual([
      "line 1: ::1/128",
    ]);
    expect(unquotedColonsInFlow('ipAllowlist: ["127.0.0.1/32", "::1/128"]\n')).toEqual([]);
    // A block sequence is fine for the Go parser, and flow-map keys are not scalars containing ':'.
    expect(unquotedColonsInFlow("ipAllowlist:\n  - ::1/128\nx: { a: b }\n")).toEqual([]);
  });

  it.each(stackFiles.map((file) => [relative(repositoryRoot, file), file]))(
    "%s quotes every flow-collection scalar containing ':'",
    (_name, file) => {
      const source = readFileSync(file, "utf8");
      expect(YAML.parseDocument(source).errors).toEqual([]);
      expect(unquotedColonsInFlow(source)).toEqual([]);
    },
  );

  it("the local stack still allows exactly IPv4 and IPv6 loopback", () => {
    const local = YAML.parse(
      readFileSync(join(repositoryRoot, "stacks", "Pulumi.local.yaml"), "utf8"),
    ) as { config: { "dtsx:schedulers": { ipAllowlist: string[] }[] } };
    expect(local.config["dtsx:schedulers"][0]?.ipAllowlist).toEqual(["127.0.0.1/32", "::1/128"]);
  });
});
