// Cold start, measured in a fresh process by `npm run bench`: open a persisted db (entries, the
// index export), answer one question. Prints one JSON line.
import { performance } from "node:perf_hooks";
import { createLibrary } from "../library.js";
import { fileAdapter, openDb } from "../store/db.js";
import { fileRecordStore } from "../store/records.js";

const [dbPath, question] = process.argv.slice(2) as [string, string];
const t0 = performance.now();
const db = await openDb(fileAdapter(dbPath), dbPath);
const base = dbPath.replace(/\.json$/, "");
const lib = await createLibrary({ db, records: fileRecordStore(`${base}.records`), indexPath: `${base}.index`, readOnly: true });
const opened = performance.now();
lib.ask(question);
const answered = performance.now();
// performance.now() counts from process start: the total includes Node, tsx and jieba loading.
console.log(JSON.stringify({ totalMs: answered, openMs: opened - t0, firstAnswerMs: answered - opened, rssMb: process.resourceUsage().maxRSS / 1024 }));
