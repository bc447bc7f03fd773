// One copy of each string the catalog's entries repeat: the names of bodies and places, column
// names, row labels, the "metric|slice" keys a revision changed.
//
// Why: V8 does not share strings read from JSON, SQLite or another thread's message: every entry
// held its own copy of the same few thousand names and keys. At 14,600 synthetic entries the
// revisions' `changed` keys alone were 11 MB of copies in a serving process (the same ≈300 keys
// over and over), ≈0.75 KB an entry, growing with the revisions held.
import type { StoredEntry } from "./db.js";

/**
 * The strings kept so far, each once. Only what repeats across entries goes in (names, labels,
 * keys, dates), never what is an entry's own (ids, titles, file names, times): it grows with
 * the vocabulary of the reports held, not with their number.
 */
const pool = new Map<string, string>();

/** The one copy of `s` (the first one seen). */
export function intern(s: string): string {
  const had = pool.get(s);
  if (had !== undefined) return had;
  pool.set(s, s);
  return s;
}

/** `list` with its strings replaced by their one copies, in place (the same array, same values). */
export function internAll<T extends string[] | undefined>(list: T): T {
  if (list && !Object.isFrozen(list)) for (let i = 0; i < list.length; i++) list[i] = intern(list[i]!);
  return list;
}

/** The one empty list entries share (frozen: a change to it would be every entry's). */
const EMPTY: string[] = Object.freeze([]) as unknown as string[];
/** Lists kept so far by their strings joined (the lists themselves compared on a hit). */
const lists = new Map<string, string[]>();

/**
 * One frozen copy of each list of strings (a body's aliases, a table's columns): entries with the
 * same list share it. Why: an array costs 32 bytes empty and ≈100 with a few names; most entries'
 * columns and labels are empty, and a body's reports of every year have the same aliases.
 */
export function internList(list: string[]): string[] {
  if (list.length === 0) return EMPTY;
  if (Object.isFrozen(list)) return list;
  const key = list.join("\u0000");
  const had = lists.get(key);
  if (had && had.length === list.length && had.every((x, i) => x === list[i])) return had;
  // A copy: the list given may be the report's own (toEntry takes the report's aliases as they are).
  const own = Object.freeze(internAll([...list])) as string[];
  if (!had) lists.set(key, own);
  return own;
}

/** The issuer's fields of an entry (a body's reports of every year name it alike). */
const BODY_FIELDS = ["org", "region", "fullRegion", "level", "parent", "province", "city", "county"] as const;
/** The other fields whose values repeat across entries. */
const OWN_FIELDS = ["template", "published"] as const;

/** Intern these string fields of `rec`, in place. */
function internFields(rec: Record<string, unknown>, fields: readonly string[]): void {
  for (const f of fields) {
    const v = rec[f];
    if (typeof v === "string") rec[f] = intern(v);
  }
}

/**
 * Put an entry's repeated strings through the pool, in place: nothing an entry says changes (the
 * same values), only how many copies of them the heap holds. Never reads `key` (the SQLite store's
 * is a lazy getter that reads every entry's key figures at once). `body: false`: the issuer's
 * fields are shared already (the SQLite store gives a body's entries one set of them).
 */
export function internEntry<T extends StoredEntry>(e: T, { body = true }: { body?: boolean } = {}): T {
  if (!e || typeof e !== "object") return e;
  const rec = e as unknown as Record<string, unknown>;
  if (body) {
    internFields(rec, BODY_FIELDS);
    if (Array.isArray(e.aliases)) e.aliases = internList(e.aliases);
  }
  internFields(rec, OWN_FIELDS);
  if (Array.isArray(e.columns)) e.columns = internList(e.columns);
  if (Array.isArray(e.statLabels)) e.statLabels = internList(e.statLabels);
  if (Array.isArray(e.missing)) internAll(e.missing);
  if (Array.isArray(e.revisions)) for (const r of e.revisions) if (Array.isArray(r.changed)) internAll(r.changed);
  return e;
}
