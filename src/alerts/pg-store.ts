// The alert store on PostgreSQL (store/pg.ts), shared by every replica: the same operations as
// the file store (store.ts), appended to one table in one order for all, each process applying
// them to its own copy of the state with the same reducer (`applyOp`).
//
// Why this keeps each alert once across replicas:
// - Appends take turns (a transaction advisory lock): a commit first applies what the others
//   appended since, then checks its own operations against that state — a subscription id taken
//   meanwhile is renumbered, an event already queued or buffered for that (subscription, version)
//   is left out (message ids are the event's key, so a second queue of it is a no-op anyway).
//   Any replica may match a report it stored; the outbox holds one message per chat and event.
// - Only one process sends (`lead`: a session advisory lock held by its connection): it alone
//   claims, sends and settles messages, flushes digests and looks at deadlines. When it dies its
//   connection goes, the lock with it, and the next replica's pass takes over (alerts/run.ts
//   `senderOnly`); what it was sending is settled as sent, never sent twice (delivery.ts).
// Others are told of a commit by NOTIFY and catch up at their next read; the table is compacted
// into a snapshot row every `compactEvery` commits.
import type { PgSync } from "../store/pg.js";
import { CHANNELS, LOCK_SPACE, LOCKS } from "../store/pg.js";
import { type AlertOp, type AlertState, type AlertStore, applyOp, emptyAlertState, prune, snapshotOf, stateFromSnapshot } from "./store.js";

export interface SharedAlertStore extends AlertStore {
  /** Told when another process committed; `reset`: the state was read again whole (a compaction). */
  watch(listener: (reset: boolean) => void): void;
  /** This process is the one sender (takes the sender lock when free). */
  lead(): boolean;
}

export function pgAlertStore(db: PgSync, { compactEvery = 20_000 }: { compactEvery?: number } = {}): SharedAlertStore {
  let state: AlertState = emptyAlertState();
  let last = 0;
  let commits = 0;
  let sinceSnapshot = 0;
  let dirty = false;
  const watchers = new Set<(reset: boolean) => void>();

  /** Apply what was appended after `last`; a compaction past it means reading the snapshot again. */
  const catchUp = (): boolean => {
    const rows = db.query<{ seq: number; ops: string | null }>(
      "SELECT seq, ops FROM alert_op WHERE seq > $1 UNION ALL SELECT -seq, state FROM alert_snapshot WHERE id = 1 AND seq > $1 ORDER BY 1",
      [last],
    );
    let reset = false;
    if (rows.length && rows[0]!.seq < 0) {
      // Compacted past what this process applied: the snapshot, then what follows it.
      const snap = rows.shift()!;
      state = stateFromSnapshot(snap.ops!, "alert_snapshot");
      last = -snap.seq;
      sinceSnapshot = 0;
      reset = true;
    }
    for (const row of rows) {
      if (row.seq <= last) continue;
      for (const o of JSON.parse(row.ops!) as AlertOp[]) applyOp(state, o);
      last = row.seq;
      sinceSnapshot++;
    }
    dirty = false;
    return reset;
  };
  catchUp();
  const heard = () => {
    dirty = true;
    for (const w of watchers) w(false);
  };
  db.listen(CHANNELS.alerts, heard); // and every few seconds anyway

  /** Leave out what the state (as the others left it) has already; renumber taken subscription ids. */
  const checked = (ops: readonly AlertOp[]): AlertOp[] => {
    let next = state.nextId;
    const ids = new Set(state.subscriptions.map((s) => s.id));
    const out: AlertOp[] = [];
    for (const o of ops) {
      if (o.op === "subscribe") {
        const n = Number(o.sub.id.replace(/^s/, ""));
        // In place: the caller shows the id it holds (engine.subscribe returns this object).
        if (ids.has(o.sub.id) || !(n >= next)) o.sub.id = `s${next}`;
        next = Math.max(next, Number(o.sub.id.slice(1)) + 1);
        ids.add(o.sub.id);
      }
      if (o.op === "buffer" && state.seen.has(o.item.key)) continue;
      if (o.op === "deadline" && state.deadlines.has(o.key)) continue;
      if (o.op === "queue" && state.outbox.has(o.msg.id)) continue;
      out.push(o);
    }
    return out;
  };

  return {
    read() {
      if (dirty) {
        const reset = catchUp();
        if (reset) for (const w of watchers) w(true);
      }
      return state;
    },
    async commit(ops) {
      if (ops.length === 0) return;
      let reset = false;
      db.transaction(() => {
        db.query("SELECT pg_advisory_xact_lock($1, $2)", [LOCK_SPACE, LOCKS.alerts]);
        reset = catchUp();
        const mine = checked(ops);
        if (mine.length === 0) return;
        const seq = db.query<{ seq: number }>("INSERT INTO alert_op (ops) VALUES ($1) RETURNING seq", [JSON.stringify(mine)])[0]!.seq;
        for (const o of mine) applyOp(state, o);
        last = seq;
        sinceSnapshot++;
        if (sinceSnapshot >= compactEvery) {
          prune(state); // memory stays the size of what is live, as in the file store
          db.query("INSERT INTO alert_snapshot (id, seq, state) VALUES (1, $1, $2) ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, state = excluded.state", [
            seq,
            snapshotOf(state),
          ]);
          db.query("DELETE FROM alert_op WHERE seq <= $1", [seq]);
          sinceSnapshot = 0;
        }
        db.notify(CHANNELS.alerts);
      });
      commits++;
      if (reset) for (const w of watchers) w(true);
    },
    get commits() {
      return commits;
    },
    watch(listener) {
      watchers.add(listener);
    },
    lead: () => db.tryLock(LOCKS.alertSender),
  };
}
