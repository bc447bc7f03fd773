// npm start / npm run cli: run a TypeScript entry of src/ from its compiled copy in dist/
// (scripts/build.mjs) when that copy is of the sources as they are, else build it first; when it
// cannot be built (esbuild missing, dist/ not writable), run the TypeScript itself through tsx, as
// before. Why: compiling TypeScript at every start cost ≈0.3–0.5 s of every cold start.
// NIANBAO_DIST=0 always runs the TypeScript.
//
//   node scripts/run.mjs src/main.ts [args…]
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build, sourceStamp } from "./build.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const entry = resolve(ROOT, process.argv[2] ?? "src/main.ts");
const compiled = join(ROOT, "dist", relative(join(ROOT, "src"), entry).replace(/\.ts$/, ".js"));

/** dist/ was built from the sources as they are now (same files, sizes and times). */
function built() {
  try {
    const { stamp } = JSON.parse(readFileSync(join(ROOT, "dist/build.json"), "utf8"));
    const now = sourceStamp(ROOT);
    const keys = Object.keys(now);
    return keys.length === Object.keys(stamp).length && keys.every((k) => stamp[k] === now[k]);
  } catch {
    return false;
  }
}

let target = entry;
if (process.env.NIANBAO_DIST !== "0") {
  let fresh = built();
  if (!fresh) {
    try {
      await build(ROOT);
      fresh = true;
    } catch (err) {
      process.stderr.write(`（未能编译到 dist/，直接运行 TypeScript：${err?.message ?? err}）\n`);
    }
  }
  if (fresh && existsSync(compiled)) target = compiled;
}
// The entry sees its own path and arguments, as if started directly.
process.argv.splice(1, 2, target);
if (target === entry) (await import("tsx/esm/api")).register();
await import(pathToFileURL(target).href);
