// The PostgreSQL connection of the synchronous bridge (pg-sync.ts), in a worker thread of its own:
// the main thread posts one query (or a list run in one transaction) and sleeps on a shared flag
// until the answer is posted back. Plain JavaScript: it needs no TypeScript loader.
import { workerData } from "node:worker_threads";
import pg from "pg";

const { url, port, flag } = workerData;
const signal = new Int32Array(flag);
// bigint columns (rowids, sequence numbers) stay within 2^53: numbers, not strings.
pg.types.setTypeParser(20, (v) => Number(v));

let client;
const connect = async () => {
  if (client) return client;
  const c = new pg.Client({ connectionString: url, application_name: "nianbao" });
  // A dropped connection is opened again at the next query (session locks held by it are gone:
  // their holders ask again, see pg.ts).
  c.on("error", () => {
    if (client === c) client = undefined;
  });
  await c.connect();
  client = c;
  return c;
};

port.on("message", async (msg) => {
  let reply;
  try {
    const c = await connect();
    const results = [];
    if (msg.tx) {
      await c.query("BEGIN");
      try {
        for (const q of msg.queries) results.push((await c.query(q)).rows);
        await c.query("COMMIT");
      } catch (err) {
        await c.query("ROLLBACK").catch(() => undefined);
        throw err;
      }
    } else {
      for (const q of msg.queries) results.push((await c.query(q)).rows);
    }
    reply = { id: msg.id, ok: true, results };
  } catch (err) {
    reply = { id: msg.id, ok: false, error: err instanceof Error ? err.message : String(err), code: err?.code };
  }
  port.postMessage(reply);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
