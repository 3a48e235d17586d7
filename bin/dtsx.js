#!/usr/bin/env node
// The dtsx CLI runs from TypeScript source: tsx compiles on load, so a fresh clone needs no build step.
require("tsx/cjs");
require("../cli/main.ts");
