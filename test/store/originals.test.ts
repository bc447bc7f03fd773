// The originals store on disk: a file is whole under its content's name; in a bulk ingest's batch
// the folders are flushed once each for the batch (syncFolders), not once per file; a bulk ingest
// has the files written by a thread of their own (original-writer.ts), or here when it cannot start.
import { readFileSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createOriginalWriter } from "../../src/store/original-writer.js";
import { fileOriginalStore, originalName } from "../../src/store/originals.js";

/** Folders opened (to flush them): every open of a path that is a folder. */
const foldersOpened: string[] = [];
vi.mock("node:fs/promises", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs/promises")>();
  const open = (async (path: string, ...rest: never[]) => {
    const handle = await real.open(path, ...rest);
    if ((await handle.stat()).isDirectory()) foldersOpened.push(path);
    return handle;
  }) as typeof real.open;
  return { ...real, open, default: { ...real, open } };
});

const dir = await mkdtemp(join(tmpdir(), "nianbao-originals-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Texts whose names fall in the same folder (two) and in another (one). */
function texts(): Uint8Array[] {
  const byFolder = new Map<string, Uint8Array[]>();
  for (let i = 0; ; i++) {
    const bytes = new TextEncoder().encode(`报告 ${i}`);
    const sub = originalName(bytes, "txt").slice(0, 2);
    const list = byFolder.get(sub) ?? [];
    list.push(bytes);
    byFolder.set(sub, list);
    const two = [...byFolder.values()].find((l) => l.length === 2);
    const other = two && [...byFolder.values()].find((l) => l !== two);
    if (two && other) return [...two, other[0]!];
  }
}

describe("fileOriginalStore", () => {
  it("folderLater: the files whole at once, their folders flushed by syncFolders, once each", async () => {
    const store = fileOriginalStore(dir);
    const files = texts();
    const names = await Promise.all(files.map((b) => store.putAsync(b, "txt", undefined, { folderLater: true })));
    names.forEach((name, i) => expect(new Uint8Array(readFileSync(join(dir, name.slice(0, 2), name)))).toEqual(files[i]));
    expect(foldersOpened).toEqual([]);
    await store.syncFolders!();
    expect(foldersOpened.sort()).toEqual([...new Set(names.map((n) => join(dir, n.slice(0, 2))))].sort());
    expect(foldersOpened).toHaveLength(2);
    foldersOpened.length = 0;
    await store.syncFolders!();
    expect(foldersOpened).toEqual([]);
  });

  it("a file put alone has its folder flushed before it resolves", async () => {
    foldersOpened.length = 0;
    const store = fileOriginalStore(dir);
    const name = await store.putAsync(new TextEncoder().encode("单独一份"), "txt");
    expect(foldersOpened).toEqual([join(dir, name.slice(0, 2))]);
    expect(statSync(join(dir, name.slice(0, 2), name)).mode & 0o777).toBe(0o600);
  });

  it.each([
    ["a thread of their own", () => createOriginalWriter(), false],
    ["the calling thread, when that thread cannot start", () => createOriginalWriter(new URL("./no-such-worker.mjs", import.meta.url)), true],
  ])("with a writer, the files are written by %s: whole, 0600 in 0700 folders, each once", async (_name, writer, here) => {
    const at = await mkdtemp(join(tmpdir(), "nianbao-originals-writer-"));
    try {
      const store = fileOriginalStore(at, { writer: writer() });
      const files = texts();
      const names = await Promise.all([...files, files[0]!].map((b, i) => store.putAsync(b, "txt", undefined, { folderLater: i > 0 })));
      await store.syncFolders!();
      expect(new Set(names).size).toBe(files.length);
      for (const [i, bytes] of files.entries()) {
        const path = join(at, names[i]!.slice(0, 2), names[i]!);
        expect(new Uint8Array(readFileSync(path))).toEqual(bytes);
        expect(statSync(path).mode & 0o777).toBe(0o600);
        expect(statSync(join(at, names[i]!.slice(0, 2))).mode & 0o777).toBe(0o700);
      }
      expect(store.list()).toEqual([...new Set(names)].sort());
      // The folders were flushed by this thread (its file calls are watched) only without the writer's.
      expect(foldersOpened.some((f) => f.startsWith(at))).toBe(here);
    } finally {
      await rm(at, { recursive: true, force: true });
    }
  });
});
