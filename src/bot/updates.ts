// Several bot processes behind one webhook address (a load balancer): Telegram may send an update
// again (no 200 in time, a retry) and the second copy may reach another process. Each update is
// handled by the process that takes its id first, in a table all share (INSERT … ON CONFLICT DO
// NOTHING); the others drop their copy.
import type { PgSync } from "../store/pg.js";

export interface UpdateClaims {
  /** True for the first caller with this update id, false for every later one (any process). */
  claim(updateId: number): boolean;
}

/** Ids are kept this long (Telegram gives up on an update after 24 hours). */
const KEEP = "2 days";

export function pgUpdateClaims(db: PgSync): UpdateClaims {
  let taken = 0;
  return {
    claim(updateId) {
      const first = db.query("INSERT INTO bot_update (update_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING 1", [updateId]).length > 0;
      if (first && ++taken % 1000 === 0) db.query(`DELETE FROM bot_update WHERE at < now() - interval '${KEEP}'`);
      return first;
    },
  };
}
