// What the Pulumi engine runs (package.json "main"): plain Node, no ts-node (the one @pulumi/pulumi vendors is
// TypeScript 3.8, too old for this code). tsx compiles the TypeScript pack on load, as bin/dtsx.js does for the CLI.
require("tsx/cjs");
require("./index.ts");
