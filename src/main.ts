// Composition root: the only module that reads the environment, opens the db and starts things.
// Without TELEGRAM_BOT_TOKEN it opens a local chat over the bundled reports (also piped:
// `echo 长寿区2018年行政复议多少件 | npm start`); with one it runs the Telegram bot.
import { join, resolve } from "node:path";
import { pino } from "pino";
import { openLibrary, runChat } from "./cli.js";
import { type Config, loadConfig } from "./config.js";
import type { Answer } from "./domain.js";
import { LockedError } from "./store/lock.js";

async function start(): Promise<number> {
  // Every file and folder this process makes (db, records, uploads, inbox, lock) is its owner's
  // only: the db holds subscribers' chat ids. Files 0600, folders 0700.
  process.umask(0o077);
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    console.error((err as Error).message);
    return 1;
  }
  const dbPath = resolve(config.dbPath);
  const corpusDir = resolve(join(config.dataDir, "reports"));

  if (!config.token) {
    let opened;
    try {
      opened = await openLibrary(dbPath, { write: true, role: "chat", corpusDir, store: config.store, databaseUrl: config.databaseUrl, answering: true });
    } catch (err) {
      if (!(err instanceof LockedError)) throw err;
      opened = await openLibrary(dbPath, { write: false, store: config.store, databaseUrl: config.databaseUrl, answering: true }); // the bot owns the db: read it
    }
    const { lib, release } = opened;
    if (lib.size === 0) await lib.ingestPaths([corpusDir]);
    release();
    await runChat(lib);
    return 0;
  }

  const logger = pino({ level: process.env.LOG_LEVEL ?? "info", redact: ["token", "config.token"] }, pino.destination(2));
  // SIGTERM/SIGINT from here on: whatever is running (a start waiting for the Bot API, a reply
  // backing off, an ingest) is asked to stop, and the process exits within shutdownMs either way,
  // the lock released (the lock's exit hook also runs on process.exit).
  const shutdown = new AbortController();
  let stopping: ((signal: string) => void) | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (shutdown.signal.aborted) return;
    logger.info({ signal, withinMs: config.network.shutdownMs }, "stopping");
    shutdown.abort();
    setTimeout(() => {
      logger.error({ signal, afterMs: config.network.shutdownMs }, "shutdown took too long; exiting now");
      process.exit(1);
    }, config.network.shutdownMs).unref();
    stopping?.(signal);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  const { lib, release, pg } = await openLibrary(dbPath, {
    write: true,
    role: "bot",
    corpusDir,
    store: config.store,
    databaseUrl: config.databaseUrl,
    answering: true,
    parseWorker: config.parseWorker,
    onReaderFallback: (reason) => logger.warn({ reason }, "parse worker could not start; files are read on the main thread"),
  });
  if (lib.size === 0) {
    const results = await lib.ingestPaths([corpusDir]);
    logger.info({ reports: lib.size, failed: results.filter((r) => !r.ok).length }, "bundled reports ingested");
  }
  const { startBot } = await import("./bot/run.js");
  const { watchInbox } = await import("./inbox.js");
  const { fileJournal } = await import("./bot/journal.js");
  const journal = fileJournal(`${dbPath.replace(/\.json$/i, "")}.journal`);
  const { fetchReport } = await import("./fetch-report.js");
  const extras = {
    reuse: lib,
    // vega and resvg are loaded with the first chart, not at start.
    chart: async (answer: Answer) => (await import("./chart.js")).renderAnswerChart(answer),
    fetchReport: (address: string) => fetchReport(address, { maxBytes: config.maxUploadMb * 1024 * 1024 }),
  };
  const { fileAlertStore } = await import("./alerts/store.js");
  // Subscriptions and the alert outbox, apart from the report db (db.alerts.json + db.alerts.log);
  // on PostgreSQL in the database, shared with the other processes, as are the update ids taken.
  const alertStore = pg ? pg.alertStore() : fileAlertStore(`${dbPath.replace(/\.json$/i, "")}.alerts`);
  let stopBot: () => Promise<void> = async () => undefined;
  let stopInbox: () => Promise<void> = async () => undefined;
  const closeAll = async () => {
    try {
      await stopInbox().catch((err: unknown) => logger.warn({ err }, "inbox watcher did not stop cleanly"));
      await stopBot().catch((err: unknown) => logger.warn({ err }, "bot did not stop cleanly"));
      await lib.close(); // bot state written, parse worker ended
      await lib.flush().catch(() => undefined); // the index export (it is derived: a failure only costs a rebuild)
      await pg?.close();
    } finally {
      release();
    }
  };
  if (!shutdown.signal.aborted) {
    try {
      stopBot = await startBot({
        config,
        library: lib,
        botStore: lib.botStore,
        logger,
        journal,
        extras,
        alertStore,
        shutdown: shutdown.signal,
        ...(pg ? { updates: pg.updates } : {}),
      });
    } catch (error) {
      if (!shutdown.signal.aborted) {
        await closeAll().catch(() => release());
        throw error;
      }
    }
  }
  if (!shutdown.signal.aborted) {
    stopInbox = watchInbox(join(resolve(dbPath, ".."), "inbox"), lib, logger);
    logger.info({ reports: lib.size, db: pg ? "PostgreSQL" : dbPath }, "nianbao bot running");
  }
  await new Promise<void>((done) => {
    stopping = () => void closeAll().finally(done);
    if (shutdown.signal.aborted) stopping("early");
  });
  logger.info("stopped");
  // Sockets kept alive by fetch and timers of abandoned retries would hold the process: leave now.
  process.exit(0);
  return 0;
}

start().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    const e = err as NodeJS.ErrnoException;
    const message =
      err instanceof LockedError
        ? `${err.message}。`
        : e.code && e.path
          ? `启动失败：无法使用 ${e.path.replace(/\.lock$/, "")}（${e.code}）。请检查 NIANBAO_DB / NIANBAO_DATA_DIR。`
          : `启动失败：${e.message}`;
    console.error(message);
    process.exitCode = 1;
  },
);
