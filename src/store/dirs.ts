// Making the folders a db needs. Node's `mkdirSync(p, { recursive: true })` never returns on some
// virtual filesystems (a path under /proc loops forever in Node 20), so folders are made one level
// at a time from the nearest one that exists, and an impossible path fails with its error.
import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";

/** Make `dir` and any missing parents; throws (ENOENT, EACCES, ENOTDIR) when it cannot be made. */
export function ensureDir(dir: string): void {
  const missing: string[] = [];
  let at = resolve(dir);
  while (!existsSync(at)) {
    missing.push(at);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  if (missing.length === 0 && !statSync(at).isDirectory()) {
    throw Object.assign(new Error(`ENOTDIR: not a directory, ${at}`), { code: "ENOTDIR", path: at });
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
}
