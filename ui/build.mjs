// Compiles src/ with tsc and copies static/ next to it: ui/dist is what the app embeds.
import { execFileSync } from "node:child_process";
import { cpSync, rmSync } from "node:fs";
import { createRequire } from "node:module";

const here = new URL(".", import.meta.url).pathname;
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
rmSync(`${here}dist`, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, "-p", here], { stdio: "inherit" });
cpSync(`${here}static`, `${here}dist`, { recursive: true });
console.log("ui/dist built");
