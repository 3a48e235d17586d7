// The pack's entry for the Pulumi engine (package.json "main"): plain Node, no ts-node (the one @pulumi/pulumi
// vendors is TypeScript 3.8, too old for this code). tsx compiles the TypeScript policies on load. The engine runs
// it with cwd = this directory, where `new PolicyPack` reads package.json's version.
require("tsx/cjs");
require("./index.ts");
