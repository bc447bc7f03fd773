// A PostgreSQL for the tests: each test file gets databases of its own (uniquely named, dropped
// after), on the server NIANBAO_TEST_PG names (default postgres://postgres@127.0.0.1:5432/postgres,
// which `.ci/run` provides). When no server answers, the PostgreSQL tests are skipped, and say so.
import pg from "pg";

const ADMIN_URL = process.env.NIANBAO_TEST_PG ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Why PostgreSQL cannot be used (null when it can). Warns once per test file. */
export async function pgUnavailable(what: string): Promise<string | null> {
  try {
    await admin((c) => c.query("SELECT 1"));
    return null;
  } catch (err) {
    const reason = `PostgreSQL not reachable at ${ADMIN_URL.replace(/\/\/[^@/]*@/, "//…@")} (${(err as Error).message}): skipping ${what}. Set NIANBAO_TEST_PG or start the server.`;
    console.warn(reason);
    return reason;
  }
}

const made = new Set<string>();

/** A new, empty database; its URL. Dropped by dropTestDatabases(). */
export async function testDatabase(): Promise<string> {
  const name = `nianbao_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  made.add(name);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drop every database this process made (connections still open to them are ended). */
export async function dropTestDatabases(): Promise<void> {
  if (!made.size) return;
  await admin(async (c) => {
    for (const name of made) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  made.clear();
}
