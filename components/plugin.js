// Entry point of the dtsx component provider (package.json `main`, run by the Node.js language host's RunPlugin
// for PulumiPlugin.yaml). Plain JavaScript on purpose: RunPlugin would load a `.ts` entry with its vendored
// ts-node and TypeScript 3.8, which cannot compile this repository's TypeScript 5 settings; tsx (a dependency, as
// for Pulumi.yaml's program) loads the sources instead. The schema comes from ./plugin.ts.
"use strict";
require("tsx/cjs/api").register();
const { componentProviderHost } = require("@pulumi/pulumi/provider/experimental");
const { Scheduler, TaskHub, Access } = require("./plugin.ts");

// This directory is the package: package.json `name` names it, tsconfig.json (these sources and ../dts, the
// service facts they build on) is the program schema inference reads.
void componentProviderHost({
  name: "dtsx",
  components: [Scheduler, TaskHub, Access],
  dirname: __dirname,
});
