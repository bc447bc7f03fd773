// Uploads are not lost in flight. Long polling tells Telegram an update arrived when it asks for
// the next ones (the offset), which the runner does at once, long before a document is downloaded
// and stored: a bot stopped in between would lose the upload with no reply. So every update that
// carries a document is written here before the getUpdates call that fetched it returns (and so
// before the next one confirms it), removed once handled, and replayed at the next start.
//
// One JSON file per update under `<dir>` (written to a temporary name, flushed and renamed), and
// the ids of the last updates handled (`done.json`), so an update Telegram sends again after a
// restart — handled, but not yet confirmed — is not handled twice.
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Update } from "grammy/types";
import { makeDir, writeFileDurableSync } from "../store/durable.js";

export interface UploadJournal {
  /** Keep these updates (those carrying a document) until they are handled. */
  record(updates: readonly Update[]): void;
  /** Handled (replied to): forget it, and remember its id for a while. */
  done(updateId: number): void;
  /** Handled before (possibly by an earlier run): Telegram sent it again. */
  isDone(updateId: number): boolean;
  /** Recorded and not handled yet (being handled, or to be replayed). */
  holds?(updateId: number): boolean;
  /**
   * Updates recorded and not handled, oldest first, each with how many starts tried it before
   * (counted up now: the caller gives up on one that keeps failing, so it cannot stop every start).
   */
  pending(): { update: Update; tries: number }[];
}

/** An update whose message (new or edited) carries a document: an upload, whatever its caption. */
export function carriesUpload(update: Update): boolean {
  const msg = update.message ?? update.edited_message;
  return Boolean(msg?.document);
}

/** How many handled ids are remembered (Telegram resends at most one unconfirmed batch, ≤ 100). */
const DONE_KEPT = 500;

export function fileJournal(dir: string): UploadJournal {
  makeDir(dir);
  const donePath = join(dir, "done.json");
  let doneIds: number[] = [];
  try {
    const raw = JSON.parse(readFileSync(donePath, "utf8")) as unknown;
    if (Array.isArray(raw)) doneIds = raw.filter((x): x is number => Number.isInteger(x));
  } catch {
    /* none yet */
  }
  const doneSet = new Set(doneIds);
  const pathOf = (id: number) => join(dir, `${id}.json`);
  const held = new Set<number>();
  for (const name of readdirSync(dir)) {
    const m = /^(\d+)\.json$/.exec(name);
    if (m) held.add(Number(m[1]));
  }

  return {
    record(updates) {
      for (const u of updates) {
        if (!carriesUpload(u) || held.has(u.update_id) || doneSet.has(u.update_id)) continue;
        writeFileDurableSync(pathOf(u.update_id), JSON.stringify({ update: u, tries: 0 }));
        held.add(u.update_id);
      }
    },
    done(id) {
      if (!doneSet.has(id)) {
        doneIds.push(id);
        doneSet.add(id);
        while (doneIds.length > DONE_KEPT) doneSet.delete(doneIds.shift()!);
        writeFileDurableSync(donePath, JSON.stringify(doneIds));
      }
      if (held.delete(id)) rmSync(pathOf(id), { force: true });
    },
    isDone: (id) => doneSet.has(id),
    holds: (id) => held.has(id),
    pending() {
      const out: { update: Update; tries: number }[] = [];
      for (const id of [...held].sort((a, b) => a - b)) {
        let entry: { update: Update; tries: number };
        try {
          entry = JSON.parse(readFileSync(pathOf(id), "utf8")) as { update: Update; tries: number };
        } catch {
          held.delete(id);
          rmSync(pathOf(id), { force: true });
          continue;
        }
        writeFileDurableSync(pathOf(id), JSON.stringify({ update: entry.update, tries: entry.tries + 1 }));
        out.push(entry);
      }
      return out;
    },
  };
}
