// The web addresses reports were fetched from (`/ingest https://…`), kept apart from the report
// entries so they survive a reindex, which rebuilds every entry from the files: keyed by the
// original's name in the originals store (content hash + extension) and by the report id.
// One small JSON file beside the db (data/db.addresses.json), written to a temporary name and
// renamed. Fetches by address are rare: the whole file is rewritten on each.
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { makeDir, writeFileDurableSync } from "./durable.js";

export interface Addressed {
  /** The page an admin gave, then the attachment read (if any); later fetches appended. */
  urls: string[];
  /** The names the file arrived under. */
  names: string[];
}

export interface AddressBook {
  add(keys: readonly string[], about: { urls: readonly string[]; name?: string }): void;
  /** What is known under any of `keys`, merged in order; null when nothing. */
  get(keys: readonly string[]): Addressed | null;
}

type Data = Record<string, Addressed>;

function lookup(data: Data, keys: readonly string[]): Addressed | null {
  const urls: string[] = [];
  const names: string[] = [];
  for (const k of keys) {
    const a = Object.hasOwn(data, k) ? data[k] : undefined;
    if (!a) continue;
    for (const u of a.urls) if (!urls.includes(u)) urls.push(u);
    for (const n of a.names) if (!names.includes(n)) names.push(n);
  }
  return urls.length || names.length ? { urls, names } : null;
}

function addTo(data: Data, keys: readonly string[], about: { urls: readonly string[]; name?: string }): boolean {
  let changed = false;
  for (const k of keys) {
    if (!k) continue;
    const a = Object.hasOwn(data, k) ? data[k]! : (data[k] = { urls: [], names: [] });
    for (const u of about.urls) if (!a.urls.includes(u)) a.urls.push(u), (changed = true);
    if (about.name && !a.names.includes(about.name)) a.names.push(about.name), (changed = true);
    a.urls = a.urls.slice(-10);
    a.names = a.names.slice(-10);
  }
  return changed;
}

export function memoryAddressBook(): AddressBook {
  const data: Data = Object.create(null) as Data;
  return { add: (keys, about) => void addTo(data, keys, about), get: (keys) => lookup(data, keys) };
}

/** The address book in `path` (a missing or unreadable file starts empty; it is derived from the admins' fetches only). */
export function fileAddressBook(path: string): AddressBook {
  let data: Data | undefined;
  const read = (): Data => {
    if (data) return data;
    data = Object.create(null) as Data;
    try {
      const raw = JSON.parse(readFileSync(path, "utf8")) as unknown;
      if (raw && typeof raw === "object") {
        for (const [k, v] of Object.entries(raw as Record<string, Partial<Addressed>>)) {
          data[k] = {
            urls: Array.isArray(v?.urls) ? v.urls.filter((u) => typeof u === "string") : [],
            names: Array.isArray(v?.names) ? v.names.filter((n) => typeof n === "string") : [],
          };
        }
      }
    } catch {
      // no file yet
    }
    return data;
  };
  return {
    add(keys, about) {
      const d = read();
      if (!addTo(d, keys, about)) return;
      makeDir(dirname(path));
      writeFileDurableSync(path, JSON.stringify(d));
    },
    get: (keys) => lookup(read(), keys),
  };
}
