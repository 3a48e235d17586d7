/// <reference lib="dom" />
// Browser entry of the dtsx dashboard, bundled by esbuild at emulator start (see ../assets.ts).
import { App } from "./app";

const root = document.getElementById("app");
if (root) void new App(root).start();
