// Long result lists shown a page at a time: the rest of a list waits here under a random key that
// the "更多" button carries (`pg:<key>:<page>`), as do export queries behind their CSV/JSON buttons
// (`exp:<key>:csv`). Kept in memory, the newest few hundred: a button older than that, from before
// a restart, or forged, finds nothing and is told so.
import { randomBytes } from "node:crypto";

/** One list: its heading, and its entries (Telegram HTML, each balanced) in order. */
export interface PagedList {
  heading: string;
  entries: string[];
  /** Entries per page. */
  size: number;
}

/** Keys are 10 characters of [0-9a-z]. */
export const PAGE_KEY = /^[0-9a-z]{10}$/;

export class PageStore {
  private readonly lists = new Map<string, PagedList>();
  private readonly queries = new Map<string, string>();

  /** Defaults to the 500 newest lists and queries each. */
  constructor(private readonly capacity = 500) {}

  private static key(): string {
    return [...randomBytes(10)].map((b) => (b % 36).toString(36)).join("");
  }

  private static keep<V>(map: Map<string, V>, value: V, capacity: number): string {
    const key = PageStore.key();
    map.set(key, value);
    if (map.size > capacity) map.delete(map.keys().next().value!);
    return key;
  }

  /** Keep a list; returns its key. */
  save(list: PagedList): string {
    return PageStore.keep(this.lists, list, this.capacity);
  }

  list(key: string): PagedList | undefined {
    return PAGE_KEY.test(key) ? this.lists.get(key) : undefined;
  }

  /** Keep a query (an export's words) for a button to run again. */
  saveQuery(query: string): string {
    return PageStore.keep(this.queries, query, this.capacity);
  }

  query(key: string): string | undefined {
    return PAGE_KEY.test(key) ? this.queries.get(key) : undefined;
  }
}

/** Number of pages of a list. */
export function pageCount(list: PagedList): number {
  return Math.max(1, Math.ceil(list.entries.length / list.size));
}
