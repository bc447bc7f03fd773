// `tsx src/bench/pg-follow.ts postgres://…/db [copies]`: how long a replica takes to follow one
// report written by another process, on a PostgreSQL catalog of ≥ 10,000 entries. The real
// reports of test/fixtures are ingested, then copied (entry, record and index document under a
// new id, the year moved back by 30·c, as replicate.ts does on SQLite); A then ingests five more
// reports one by one and the time until B's catalog holds each is taken. Give it an empty database.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openLibrary } from "../cli.js";

const [url, copiesArg] = process.argv.slice(2);
if (!url) throw new Error("usage: pg-follow.ts postgres://…/db [copies]");
const copies = Number(copiesArg ?? 720);
const fixtures = join(import.meta.dirname, "../../test/fixtures/reports");
const work = () => join(mkdtempSync(join(tmpdir(), "nianbao-follow-")), "db.json");
const changshou = readFileSync(join(fixtures, "seeds/000_2d63126c8570951a.txt"), "utf8");

const first = await openLibrary(work(), { write: true, databaseUrl: url });
await first.lib.ingestPaths([join(fixtures, "extra"), join(fixtures, "pingtan")]);
const db = first.pg!.db;
const g = Number(db.query<{ value: string }>("SELECT value FROM fts_meta WHERE key = 'generation'")[0]?.value ?? 0);
const rows = db.query<{ id: string; data: string; key: string }>("SELECT id, data, key FROM entry WHERE held = 0 ORDER BY pos");
let pos = rows.length;
let seq = db.query<{ m: number }>("SELECT coalesce(max(seq), 0)::int AS m FROM fts_doc WHERE gen = $1", [g])[0]!.m + 1;
for (let c = 1; c <= copies; c++) {
  const ids = rows.map((r) => createHash("sha256").update(`${r.id}/${c}`).digest("hex").slice(0, 16));
  const data = rows.map((r, i) => {
    const e = JSON.parse(r.data);
    return JSON.stringify({ ...e, id: ids[i], year: e.year === null ? null : e.year - 30 * c });
  });
  db.tx([
    {
      text: "INSERT INTO entry (id, held, pos, data, key) SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::text[])",
      values: [ids, rows.map(() => 0), rows.map(() => pos++), data, rows.map((r) => r.key)],
    },
    {
      text: "INSERT INTO record (id, report, text) SELECT n.id, r.report, r.text FROM unnest($1::text[], $2::text[]) AS n(id, src) JOIN record r ON r.id = n.src",
      values: [ids, rows.map((r) => r.id)],
    },
    {
      text: "INSERT INTO fts_doc (gen, seq, id, n, passages) SELECT $1, n.seq, n.id, d.n, d.passages FROM unnest($2::int[], $3::text[], $4::text[]) AS n(seq, id, src) JOIN fts_doc d ON d.id = n.src AND d.gen = $1",
      values: [g, ids.map(() => seq++), ids, rows.map((r) => r.id)],
    },
  ]);
}
db.query("UPDATE store_meta SET value = (value::bigint + 1)::text WHERE key = 'revision'");
await first.pg!.close();

const a = await openLibrary(work(), { write: true, databaseUrl: url });
const b = await openLibrary(work(), { write: true, databaseUrl: url });
console.log(`entries: ${b.lib.size}`);
const times: number[] = [];
for (let i = 0; i < 5; i++) {
  const before = b.lib.size;
  const res = await a.lib.ingestFile(`c${i}.txt`, new TextEncoder().encode(changshou.replace(/2018/g, String(2014 - i))));
  if (!res.ok || res.status !== "added") throw new Error(`not added: ${JSON.stringify(res)}`);
  const t0 = performance.now();
  while (b.lib.size === before) await new Promise((r) => setTimeout(r, 1));
  times.push(performance.now() - t0);
}
console.log(`follow of one added report, ms: ${times.map((t) => t.toFixed(0)).join(" ")}; median ${[...times].sort((x, y) => x - y)[2]!.toFixed(0)}`);
await a.pg!.close();
await b.pg!.close();
