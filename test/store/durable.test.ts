// What the library writes is its owner's only (issue 12: db.json, with subscribers' chat ids, was
// written 0644): data files 0600, folders 0700; writes go through a temporary file that is
// flushed and renamed, merged while one is running.
import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openLibrary } from "../../src/cli.js";
import { durableJsonFile, writeFileDurableSync } from "../../src/store/durable.js";
import { SEED, SEEDS } from "../helpers/reports.js";

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function tmp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "nianbao-durable-"));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const mode = (path: string) => statSync(path).mode & 0o777;

/** Every file and folder under `dir` with its mode, paths relative. */
function modes(dir: string, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    const rel = prefix + e.name;
    out[rel + (e.isDirectory() ? "/" : "")] = mode(path).toString(8);
    if (e.isDirectory()) Object.assign(out, modes(path, `${rel}/`));
  }
  return out;
}

describe("durableJsonFile", () => {
  it("writes JSON the owner alone reads, and reads it back; a missing file is null", async () => {
    const path = join(await tmp(), "db.json");
    const file = durableJsonFile<{ chatIds: number[] }>(path);
    expect(await file.read()).toBeNull();
    await file.write({ chatIds: [11111111] });
    expect(mode(path)).toBe(0o600);
    expect(readFileSync(path, "utf8")).toBe('{\n  "chatIds": [\n    11111111\n  ]\n}');
    expect(await file.read()).toEqual({ chatIds: [11111111] });
  });

  it("merges writes asked for while one runs; each caller's write holds its data", async () => {
    const dir = await tmp();
    const path = join(dir, "db.json");
    const file = durableJsonFile<{ n: number }>(path);
    const writes = [1, 2, 3, 4].map((n) => file.write({ n }));
    await Promise.all(writes);
    expect(await file.read()).toEqual({ n: 4 });
    expect(readdirSync(dir)).toEqual(["db.json"]); // no temporary file left
  });
});

describe("writeFileDurableSync", () => {
  it("replaces a file whole with mode 0600", async () => {
    const path = join(await tmp(), "r.rec");
    writeFileDurableSync(path, "old");
    writeFileDurableSync(path, new TextEncoder().encode("new"));
    expect(readFileSync(path, "utf8")).toBe("new");
    expect(mode(path)).toBe(0o600);
  });
});

describe.each([
  ["json", ["db.json", "db.records/", "db.index/", "db.originals/"]],
  ["sqlite", ["db.sqlite", "db.sqlite-wal", "db.originals/"]],
] as const)("a library on disk, %s store", (store, files) => {
  it("makes its folders 0700 and its files 0600: db, records, index, originals", async () => {
    const root = await tmp();
    const data = join(root, "data");
    mkdirSync(data); // the data folder is the user's (in the app, made under umask 077)
    const { lib, release } = await openLibrary(join(data, "db.json"), { write: true, corpusDir: join(data, "reports"), store });
    try {
      const res = await lib.ingestFile("长寿区.txt", readFileSync(join(SEEDS, SEED.changshou)));
      expect(res.ok).toBe(true);
      await lib.botStore.update((s) => void s.subscriptions.push({ chatId: 11111111, kind: "all", value: "", createdAt: "2026-01-01" }));
      await lib.flush();
    } finally {
      release();
    }
    const loose = Object.entries(modes(data)).filter(([path, m]) => !path.endsWith(".lock") && m !== (path.endsWith("/") ? "700" : "600"));
    expect(loose).toEqual([]);
    expect(Object.keys(modes(data))).toEqual(expect.arrayContaining([...files]));
    expect(Object.keys(modes(data)).filter((p) => p.endsWith(".tmp"))).toEqual([]);
  });
});
