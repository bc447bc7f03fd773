// The inbox: how other processes (`npm run cli -- ingest`) hand files to the running bot, which
// owns the db. Files dropped into `<dir>` are ingested and moved to `<dir>/done/`, or to
// `<dir>/failed/` with `<name>.error.txt` beside them; either way `<name>.result.json` beside the
// file says what the ingest did (the IngestResult), so the process that handed it over can tell.
//
// Polling, not fs.watch: fs.watch misses events on network and container filesystems. A file is
// only taken once its size and mtime have not changed between two polls, so a file still being
// copied in is not read half-written. Writers should still write `.name` or `name.tmp`/`.part`
// and rename, which is atomic; those names are ignored.
import { mkdir, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "pino";
import type { IngestResult, Library } from "./service.js";

export interface InboxOptions {
  /** Poll interval; 1000 ms by default. */
  intervalMs?: number;
}

const IGNORED = /^\.|\.(tmp|part|crdownload|swp)$|~$/i;

/** Watch `dir` (e.g. data/inbox) until the returned stop() resolves (after the file in hand). */
export function watchInbox(dir: string, library: Library, logger: Logger, options: InboxOptions = {}): () => Promise<void> {
  const intervalMs = options.intervalMs ?? 1000;
  const doneDir = join(dir, "done");
  const failedDir = join(dir, "failed");
  // name → "size:mtime" seen at the previous poll
  const lastSeen = new Map<string, string>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();

  const ready = Promise.all([mkdir(doneDir, { recursive: true }), mkdir(failedDir, { recursive: true })]);

  async function poll(): Promise<void> {
    await ready;
    const entries = await readdir(dir, { withFileTypes: true });
    const present = new Set<string>();
    for (const entry of entries) {
      if (stopped) return;
      if (!entry.isFile() || IGNORED.test(entry.name)) continue;
      present.add(entry.name);
      const info = await stat(join(dir, entry.name)).catch(() => undefined);
      if (!info) continue;
      const signature = `${info.size}:${info.mtimeMs}`;
      if (lastSeen.get(entry.name) !== signature) {
        lastSeen.set(entry.name, signature); // changed (or new): look again next poll
        continue;
      }
      lastSeen.delete(entry.name);
      await take(entry.name);
    }
    for (const name of lastSeen.keys()) if (!present.has(name)) lastSeen.delete(name);
  }

  async function take(name: string): Promise<void> {
    const source = join(dir, name);
    let error: string | undefined;
    let outcome: IngestResult | undefined;
    try {
      const bytes = await readFile(source);
      const result = await library.ingestFile(name, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      outcome = result;
      if (result.ok) {
        logger.info({ file: name, reportId: result.report.id, duplicate: result.duplicate, figures: result.figures }, "inbox file ingested");
      } else {
        error = result.error;
      }
    } catch (thrown) {
      error = thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown);
    }
    const to = error === undefined ? doneDir : failedDir;
    const target = await freeName(to, name);
    await rename(source, join(to, target));
    if (error !== undefined) {
      await writeFile(join(failedDir, `${target}.error.txt`), `${error}\n`, "utf8");
      logger.warn({ file: name, error }, "inbox file failed");
    }
    const said: IngestResult = error === undefined && outcome ? outcome : { ok: false, error: error ?? "未知错误" };
    await writeFile(join(to, `.${target}.result.json.part`), JSON.stringify({ name, result: said }), "utf8");
    await rename(join(to, `.${target}.result.json.part`), join(to, `${target}.result.json`));
  }

  const loop = () => {
    current = poll()
      .catch((error: unknown) => logger.warn({ err: error, dir }, "inbox poll failed"))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, intervalMs);
      });
  };
  loop();

  return async () => {
    stopped = true;
    clearTimeout(timer);
    await current;
  };
}

/** `name`, or `name (2)`, `name (3)` … if a file of that name was handled before. */
async function freeName(dir: string, name: string): Promise<string> {
  const dot = name.lastIndexOf(".");
  const [base, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${base} (${n})${ext}`;
    const taken = await stat(join(dir, candidate)).then(
      () => true,
      () => false,
    );
    if (!taken) return candidate;
  }
}
