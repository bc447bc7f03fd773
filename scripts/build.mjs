// npm run build: src/**/*.ts compiled to dist/ (one JavaScript module per TypeScript module, the
// same tree, no bundling), so a start loads JavaScript instead of compiling TypeScript (tsx) —
// ≈0.3–0.5 s of every cold start. esbuild only strips the types (`npm run typecheck` checks
// them). The workers' entries: segment-worker.mjs is copied; reader-worker.mjs and
// store/original-writer-worker.mjs, which register tsx for the TypeScript they import, are
// replaced by ones that import the compiled module.
// dist/build.json lists every source file with its size and mtime: scripts/run.mjs runs dist only
// when it matches src, and builds it again (or runs the TypeScript) when it does not.
import { copyFileSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Every file under src: path relative to the root → "size:mtimeMs" (what a build is of). */
export function sourceStamp(root = ROOT) {
  const stamp = {};
  const walk = (dir) => {
    for (const name of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, name.name);
      if (name.isDirectory()) walk(p);
      else {
        const st = statSync(p);
        stamp[relative(root, p)] = `${st.size}:${Math.trunc(st.mtimeMs)}`;
      }
    }
  };
  walk(join(root, "src"));
  return stamp;
}

/** Build dist/ from src/ (into a temporary folder, then swapped in whole). */
export async function build(root = ROOT) {
  const { build: esbuild } = await import("esbuild");
  const stamp = sourceStamp(root);
  const files = Object.keys(stamp);
  const tmp = join(root, `dist.tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  await esbuild({
    entryPoints: files.filter((f) => f.endsWith(".ts")).map((f) => join(root, f)),
    outdir: tmp,
    outbase: join(root, "src"),
    format: "esm",
    platform: "node",
    target: "node20",
    bundle: false,
    logLevel: "error",
  });
  for (const f of files.filter((f) => f.endsWith(".mjs"))) {
    const to = join(tmp, relative("src", f));
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(join(root, f), to);
  }
  // The entries that register tsx before importing their TypeScript module: replaced by ones that
  // import the compiled module.
  for (const entry of ["reader-worker", "store/original-writer-worker"]) {
    const name = entry.split("/").pop();
    writeFileSync(join(tmp, `${entry}.mjs`), `// Entry of a worker thread, compiled (scripts/build.mjs).\nawait import("./${name}.js");\n`);
  }
  writeFileSync(join(tmp, "build.json"), JSON.stringify({ stamp }, null, 0));
  rmSync(join(root, "dist"), { recursive: true, force: true });
  renameSync(tmp, join(root, "dist"));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const t0 = performance.now();
  await build();
  console.log(`dist/ built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
