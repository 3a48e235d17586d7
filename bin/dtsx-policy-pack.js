#!/usr/bin/env node
// The CrossGuard pack's entry for the Pulumi engine (policies/package.json "main" points here): plain Node, no
// ts-node (the one @pulumi/pulumi vendors is TypeScript 3.8, too old for this code). tsx compiles the TypeScript pack
// on load, as bin/dtsx.js does for the CLI. The engine runs it with cwd = policies/, where `new PolicyPack` reads
// package.json's version. Lives in bin/ so that it is linted like the CLI entry (docs/policies.md).
require("tsx/cjs");
require("../policies/index.ts");
