// The alert state: subscriptions, mutes, the outbox (messages to send, one per chat and event),
// the digest buffer, and the keys already handled — kept apart from the report catalog, behind
// one small interface (`AlertStore`: read the state, commit operations).
//
// Why operations: 10,000 subscriptions and tens of thousands of queued messages make the state a
// few megabytes, and delivery changes it 30 times a second. Each commit appends its operations as
// one JSON line to a log (flushed to disk) instead of rewriting the whole state; opening the store
// replays the log over the last snapshot and writes a new snapshot (compaction). The same pure
// reducer (`applyOp`) runs in memory, at replay and in tests.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { z } from "zod";
import { FILE_MODE, makeDir, writeFileDurableSync } from "../store/durable.js";
import { FilterSchema } from "./filter.js";

export const MODES = ["immediate", "daily", "weekly"] as const;
/** When a subscription is told: at once, or in a daily or weekly digest. */
export type Mode = (typeof MODES)[number];

export const SubscriptionSchema = z.object({
  /** Stable id (never reused): the dedupe keys and the remove buttons carry it. */
  id: z.string(),
  chatId: z.number(),
  filter: FilterSchema,
  mode: z.enum(MODES),
  /** ISO time. */
  createdAt: z.string(),
  /** What was typed after /subscribe. */
  text: z.string(),
});
export type Subscription = z.infer<typeof SubscriptionSchema>;

export type MessageStatus = "pending" | "sending" | "sent" | "dropped";

/** One message to one chat: an alert about one event, or a digest of several. */
export interface Outgoing {
  /** `<chatId>|<event key>` (or `<chatId>|digest|<due>`): unique. */
  id: string;
  chatId: number;
  /** Telegram HTML, at most 4096 characters. */
  text: string;
  /** The (subscription, report version) keys this message delivers. */
  keys: string[];
  status: MessageStatus;
  /** Sends attempted (a 429 does not count). */
  attempts: number;
  /** Epoch ms when it was queued (the order of a chat's messages). */
  queuedAt: number;
  /** Set by the store: the n-th message queued (delivery takes in what is new by it). */
  seq?: number;
  /** Not before this epoch ms (429 retry_after, 5xx backoff, a mute). */
  notBefore?: number;
  /** Epoch ms of the last send started (the rate limiter is rebuilt from these after a restart). */
  sentAt?: number;
  lastError?: string;
}

/** One matching report waiting for a digest (or for a mute to end). */
export interface DigestItem {
  /** The (subscription, report version) key. */
  key: string;
  chatId: number;
  subId: string;
  /** The line the digest lists (HTML). */
  line: string;
  /** Epoch ms when the digest is due. */
  dueAt: number;
  /** Held because the chat was muted (an unmute sends it at once). */
  muted?: boolean;
}

export interface AlertState {
  subscriptions: Subscription[];
  /** chatId → epoch ms the chat's mute ends. */
  mutes: Map<number, number>;
  outbox: Map<string, Outgoing>;
  digest: DigestItem[];
  /** (subscription, version) keys queued or buffered once: never again. */
  seen: Set<string>;
  /** `<body key>|<year>` told "未按时发布" once. */
  deadlines: Set<string>;
  /** Day (yyyy-mm-dd, Asia/Shanghai) → deadline alerts counted that day. */
  deadlineDays: Map<string, number>;
  /** Next subscription number. */
  nextId: number;
  /** Messages queued so far (Outgoing.seq). */
  queued: number;
  /** Messages sent so far (delivered ones are pruned; /stats counts them here). */
  sent: number;
}

export type AlertOp =
  | { op: "subscribe"; sub: Subscription }
  | { op: "unsubscribe"; id: string }
  /** The chat blocked the bot or is gone: its subscriptions, buffered items and pending messages go. */
  | { op: "chatGone"; chatId: number; reason: string }
  /** A group became a supergroup: everything of the chat follows it. */
  | { op: "migrate"; from: number; to: number }
  | { op: "mute"; chatId: number; until: number | null }
  | { op: "queue"; msg: Outgoing }
  | { op: "buffer"; item: DigestItem }
  /** Buffered items folded into a digest message (queued by the same commit). */
  | { op: "unbuffer"; keys: string[] }
  | { op: "claim"; ids: string[]; at: number }
  | { op: "settle"; id: string; status: MessageStatus; notBefore?: number; lastError?: string; attempts?: number }
  /** A body's missing report was looked at (once); `day` when an alert went out (counts against that day's cap). */
  | { op: "deadline"; key: string; day?: string };

export function emptyAlertState(): AlertState {
  return {
    subscriptions: [],
    mutes: new Map(),
    outbox: new Map(),
    digest: [],
    seen: new Set(),
    deadlines: new Set(),
    deadlineDays: new Map(),
    nextId: 1,
    queued: 0,
    sent: 0,
  };
}

/** The reducer: every change to the alert state is one of these, in memory and at replay alike. */
export function applyOp(s: AlertState, o: AlertOp): void {
  switch (o.op) {
    case "subscribe": {
      s.subscriptions.push(o.sub);
      const n = Number(o.sub.id.replace(/^s/, ""));
      if (Number.isFinite(n) && n >= s.nextId) s.nextId = n + 1;
      return;
    }
    case "unsubscribe":
      s.subscriptions = s.subscriptions.filter((x) => x.id !== o.id);
      s.digest = s.digest.filter((d) => d.subId !== o.id);
      return;
    case "chatGone":
      s.subscriptions = s.subscriptions.filter((x) => x.chatId !== o.chatId);
      s.digest = s.digest.filter((d) => d.chatId !== o.chatId);
      s.mutes.delete(o.chatId);
      for (const m of s.outbox.values()) {
        if (m.chatId === o.chatId && (m.status === "pending" || m.status === "sending")) Object.assign(m, { status: "dropped", lastError: o.reason });
      }
      return;
    case "migrate":
      for (const x of s.subscriptions) if (x.chatId === o.from) x.chatId = o.to;
      for (const d of s.digest) if (d.chatId === o.from) d.chatId = o.to;
      for (const m of s.outbox.values()) if (m.chatId === o.from && m.status === "pending") m.chatId = o.to;
      if (s.mutes.has(o.from)) s.mutes.set(o.to, s.mutes.get(o.from)!), s.mutes.delete(o.from);
      return;
    case "mute":
      if (o.until === null) {
        s.mutes.delete(o.chatId);
        for (const d of s.digest) if (d.chatId === o.chatId && d.muted) d.dueAt = 0;
      } else s.mutes.set(o.chatId, o.until);
      return;
    case "queue":
      // Ids are unique (an event's key, a digest's first key): a message is never replaced.
      if (s.outbox.has(o.msg.id)) return;
      s.outbox.set(o.msg.id, { ...o.msg, seq: ++s.queued });
      for (const k of o.msg.keys) s.seen.add(k);
      return;
    case "buffer":
      s.digest.push({ ...o.item });
      s.seen.add(o.item.key);
      return;
    case "unbuffer": {
      const gone = new Set(o.keys);
      s.digest = s.digest.filter((d) => !gone.has(d.key));
      return;
    }
    case "claim":
      for (const id of o.ids) {
        const m = s.outbox.get(id);
        if (m?.status !== "pending") continue;
        m.status = "sending";
        m.attempts += 1;
        m.sentAt = o.at;
        delete m.notBefore;
      }
      return;
    case "settle": {
      const m = s.outbox.get(o.id);
      if (!m) return;
      if (o.status === "sent" && m.status !== "sent") s.sent += 1;
      m.status = o.status;
      if (o.notBefore !== undefined) m.notBefore = o.notBefore;
      else delete m.notBefore;
      if (o.lastError !== undefined) m.lastError = o.lastError;
      if (o.attempts !== undefined) m.attempts = o.attempts;
      return;
    }
    case "deadline":
      s.deadlines.add(o.key);
      if (o.day) s.deadlineDays.set(o.day, (s.deadlineDays.get(o.day) ?? 0) + 1);
      return;
  }
}

/** Persistent alert state. `commit` applies the operations and makes them durable, in order. */
export interface AlertStore {
  read(): AlertState;
  commit(ops: readonly AlertOp[]): Promise<void>;
  /** Operations committed since opening (tests, bench). */
  readonly commits: number;
}

/**
 * What a snapshot carries and what a long-running process keeps in memory: delivered messages only
 * as their keys, except those of the last minute (the rate limiter is rebuilt from them after a
 * restart); the keys of subscriptions that ended (they can never come again) not at all.
 */
export function prune(s: AlertState): void {
  let last = -Infinity;
  for (const m of s.outbox.values()) if (m.sentAt !== undefined && m.sentAt > last) last = m.sentAt;
  for (const [id, m] of s.outbox) {
    const live = m.status === "pending" || m.status === "sending" || (m.sentAt !== undefined && m.sentAt > last - 60_000);
    if (!live) s.outbox.delete(id);
  }
  const subIds = new Set(s.subscriptions.map((x) => x.id));
  for (const k of s.seen) if (!subIds.has(k.slice(0, k.indexOf("|")))) s.seen.delete(k);
}

/** The state as JSON (Maps and Sets as arrays), pruned (see `prune`). */
export function snapshotOf(state: AlertState): string {
  const s: AlertState = { ...state, outbox: new Map(state.outbox), seen: new Set(state.seen) };
  prune(s);
  return JSON.stringify({
    version: 1,
    subscriptions: s.subscriptions,
    mutes: [...s.mutes],
    outbox: [...s.outbox.values()],
    digest: s.digest,
    seen: [...s.seen],
    deadlines: [...s.deadlines],
    deadlineDays: [...s.deadlineDays],
    nextId: s.nextId,
    queued: s.queued,
    sent: s.sent,
  });
}

const SnapshotSchema = z.object({
  version: z.literal(1),
  subscriptions: z.array(SubscriptionSchema),
  mutes: z.array(z.tuple([z.number(), z.number()])),
  outbox: z.array(z.custom<Outgoing>((v) => typeof v === "object" && v !== null && "id" in v && "chatId" in v)),
  digest: z.array(z.custom<DigestItem>((v) => typeof v === "object" && v !== null && "key" in v)),
  seen: z.array(z.string()),
  deadlines: z.array(z.string()),
  deadlineDays: z.array(z.tuple([z.string(), z.number()])),
  nextId: z.number(),
  queued: z.number().optional(),
  sent: z.number().optional(),
});

export function stateFromSnapshot(json: string, where: string): AlertState {
  const parsed = SnapshotSchema.safeParse(JSON.parse(json));
  if (!parsed.success) throw new Error(`alerts: ${where} is not an alert snapshot: ${parsed.error.issues[0]?.message ?? ""}`);
  const d = parsed.data;
  return {
    subscriptions: d.subscriptions,
    mutes: new Map(d.mutes),
    outbox: new Map(d.outbox.map((m) => [m.id, m])),
    digest: d.digest,
    seen: new Set(d.seen),
    deadlines: new Set(d.deadlines),
    deadlineDays: new Map(d.deadlineDays),
    nextId: d.nextId,
    queued: d.queued ?? Math.max(0, ...d.outbox.map((m) => m.seq ?? 0)),
    sent: d.sent ?? 0,
  };
}

/** In memory (tests): `dump()` is what a restarted process would load (`memoryAlertStore(dump)`). */
export function memoryAlertStore(snapshot?: string): AlertStore & { dump(): string } {
  const state = snapshot ? stateFromSnapshot(snapshot, "snapshot") : emptyAlertState();
  let commits = 0;
  return {
    read: () => state,
    async commit(ops) {
      for (const o of ops) applyOp(state, o);
      commits += 1;
    },
    get commits() {
      return commits;
    },
    dump: () => snapshotOf(state),
  };
}

/**
 * The store on disk: `<base>.json` (snapshot, written durably) and `<base>.log` (one JSON array of
 * operations a line, appended and flushed per commit). Opening replays a torn last line as absent
 * (it was never acknowledged), then compacts. Owner-only files, like the db.
 */
export function fileAlertStore(base: string, options: { compactEvery?: number } = {}): AlertStore {
  const snapPath = `${base}.json`;
  const logPath = `${base}.log`;
  const compactEvery = options.compactEvery ?? 20_000;
  makeDir(dirname(base));
  const state = existsSync(snapPath) ? stateFromSnapshot(readFileSync(snapPath, "utf8"), snapPath) : emptyAlertState();
  if (existsSync(logPath)) {
    for (const line of readFileSync(logPath, "utf8").split("\n")) {
      if (!line.trim()) continue;
      let ops: AlertOp[];
      try {
        ops = JSON.parse(line) as AlertOp[];
      } catch {
        break; // a torn last line: that commit never returned
      }
      for (const o of ops) applyOp(state, o);
    }
  }
  let fd = -1;
  let lines = 0;
  let commits = 0;
  const compact = () => {
    if (fd >= 0) closeSync(fd);
    prune(state); // memory stays the size of what is live, as on disk
    writeFileDurableSync(snapPath, snapshotOf(state));
    writeFileDurableSync(logPath, "");
    fd = openSync(logPath, "a", FILE_MODE);
    lines = 0;
  };
  compact();
  return {
    read: () => state,
    async commit(ops) {
      if (ops.length === 0) return;
      for (const o of ops) applyOp(state, o);
      const bytes = Buffer.from(`${JSON.stringify(ops)}\n`);
      for (let off = 0; off < bytes.byteLength; ) off += writeSync(fd, bytes, off);
      fsyncSync(fd);
      commits += 1;
      if (++lines >= compactEvery) compact();
    },
    get commits() {
      return commits;
    },
  };
}
