// Flat config: typescript-eslint's type-checked rules, Prettier owns formatting.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";
import { createNodeResolver, importX } from "eslint-plugin-import-x";

// The emulator's layers, lowest first: a module may import its own layer and the ones below, never one above
// (type-only imports included). The shared facts (dts/) and the stack topology schema (topology/) sit below all of
// them; options.ts, logging.ts and server.ts compose the rest.
const EMULATOR_LAYERS = [
  ["emulator/clock.ts", "emulator/ids.ts"],
  ["emulator/store"],
  ["emulator/core"],
  ["emulator/grpc"],
  ["emulator/identity"],
  ["emulator/auth"],
  ["emulator/retention", "emulator/admin"],
  ["emulator/control"],
  ["emulator/dashboard"],
  ["emulator/http"],
  ["emulator/options.ts", "emulator/logging.ts", "emulator/server.ts"],
];
const LAYER_ZONES = EMULATOR_LAYERS.slice(0, -1).map((layer, index) => ({
  target: layer,
  from: EMULATOR_LAYERS.slice(index + 1).flat(),
  message: `${layer.join(", ")} must not import a higher emulator layer (see EMULATOR_LAYERS in eslint.config.mjs).`,
}));
// Between top-level folders. The browser UI talks to the server only through the JSON shapes in api-types.ts.
const BOUNDARY_ZONES = [
  {
    target: "emulator",
    from: ["components", "stacks", "policies", "cli", "providers", "bench", "test"],
    message: "The emulator shares facts through dts/ and the stack schema through topology/ only.",
  },
  {
    target: "topology",
    from: ["stacks", "emulator", "policies", "cli", "providers"],
    message:
      "topology/ is shared by the program, the CLI and the emulator: it depends on none of them.",
  },
  {
    target: "components",
    from: ["topology", "stacks", "emulator", "policies", "cli", "providers"],
    message:
      "Components are the lowest Pulumi layer: they never depend on a program, the emulator or the CLI.",
  },
  {
    target: "stacks",
    from: ["emulator", "policies", "cli", "providers"],
    message: "The Pulumi program depends on components and topology/ only.",
  },
  {
    target: "emulator/dashboard/ui",
    from: "emulator",
    except: ["./dashboard/ui", "./dashboard/api-types.ts"],
    message: "The browser UI reaches the server only through its JSON API (api-types.ts).",
  },
];

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      "dist/**",
      "**/dist/**",
      ".dtsx/**",
      "test-results/**",
      "bench/results/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ["*.mjs", "bin/*.js", "components/plugin.js", "policies/pack.js"],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // No runtime import cycles anywhere in the TypeScript sources: a cycle makes load order matter and hides which
    // module owns a concept (type-only cycles are caught by test/architecture/imports.test.ts). Relative imports
    // resolve like tsconfig.json's `bundler` moduleResolution. Layer rules: see LAYER_ZONES above.
    files: ["**/*.ts"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/resolver-next": [
        createNodeResolver({ extensions: [".ts", ".js", ".mjs", ".cjs", ".json", ".node"] }),
      ],
    },
    rules: {
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-restricted-paths": [
        "error",
        { basePath: import.meta.dirname, zones: [...LAYER_ZONES, ...BOUNDARY_ZONES] },
      ],
    },
  },
  {
    // Boundaries: the emulator never depends on Pulumi; components never on stacks or emulator.
    files: ["emulator/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: ["@pulumi/*"] }] },
  },
  {
    files: ["components/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: ["**/stacks/**", "**/emulator/**", "**/policies/**"] },
      ],
    },
  },
  {
    // dts/ holds the service facts every surface shares: it depends on none of them (nor on Pulumi).
    files: ["dts/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            "@pulumi/*",
            "**/components/**",
            "**/policies/**",
            "**/emulator/**",
            "**/stacks/**",
            "**/cli/**",
            "**/providers/**",
          ],
        },
      ],
    },
  },
  {
    files: ["bin/*.js", "components/plugin.js", "policies/pack.js", "**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: {
        require: "readonly",
        module: "writable",
        process: "readonly",
        __dirname: "readonly",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  prettier,
);
