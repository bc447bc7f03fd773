// The search index export on disk: a directory with the FlexSearch chunks as raw files, the
// passage references as a binary array and a small manifest. Written beside and swapped in by
// rename; anything unreadable reads as "no export" and the index is rebuilt from the records.
// Derived data, so not flushed to disk; owner-only like the rest (files 0600, folder 0700).
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import type { SerializedIndex } from "../index/search-index.js";
import { DIR_MODE, FILE_MODE } from "./durable.js";

interface Manifest {
  format: string;
  reports: string[];
  chunks: string[];
  count: number;
}

export function saveIndex(dir: string, data: SerializedIndex): void {
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true, mode: DIR_MODE });
  const reportIdx = new Map<string, number>();
  const reports: string[] = [];
  const refs = new Int32Array(data.refs.length * 2);
  data.refs.forEach((ref, i) => {
    if (!ref) {
      refs[2 * i] = -1;
      return;
    }
    let r = reportIdx.get(ref[0]);
    if (r === undefined) {
      r = reports.length;
      reports.push(ref[0]);
      reportIdx.set(ref[0], r);
    }
    refs[2 * i] = r;
    refs[2 * i + 1] = ref[1];
  });
  writeFileSync(`${tmp}/refs.bin`, Buffer.from(refs.buffer), { mode: FILE_MODE });
  for (const [i, [, chunk]] of data.chunks.entries()) writeFileSync(`${tmp}/chunk-${i}.txt`, chunk, { mode: FILE_MODE });
  writeFileSync(`${tmp}/df.json`, JSON.stringify(data.df ?? []), { mode: FILE_MODE });
  const manifest: Manifest = { format: data.format, reports, chunks: data.chunks.map(([k]) => k), count: data.refs.length };
  writeFileSync(`${tmp}/manifest.json`, JSON.stringify(manifest), { mode: FILE_MODE });
  const old = `${dir}.old-${process.pid}`;
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(tmp, dir);
  rmSync(old, { recursive: true, force: true });
}

export function loadIndex(dir: string): SerializedIndex | null {
  try {
    const manifest = JSON.parse(readFileSync(`${dir}/manifest.json`, "utf8")) as Manifest;
    const buf = readFileSync(`${dir}/refs.bin`);
    const refs32 = new Int32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
    if (refs32.length !== manifest.count * 2) return null;
    const refs: SerializedIndex["refs"] = new Array(manifest.count);
    for (let i = 0; i < manifest.count; i++) {
      const r = refs32[2 * i]!;
      refs[i] = r < 0 ? null : [manifest.reports[r]!, refs32[2 * i + 1]!];
    }
    const chunks = manifest.chunks.map((key, i) => [key, readFileSync(`${dir}/chunk-${i}.txt`, "utf8")] as [string, string]);
    const df = JSON.parse(readFileSync(`${dir}/df.json`, "utf8")) as [string, number][];
    return { format: manifest.format, refs, chunks, df };
  } catch {
    return null;
  }
}
