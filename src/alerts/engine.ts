// The alert engine: subscriptions (parsed filters, per chat), and what happens when a report
// arrives, is revised, or is missing after its deadline — matched against every subscription,
// queued once per (subscription, report version) as one message per chat (or buffered for a
// digest or a mute), then sent by delivery.ts. All state lives in the AlertStore.
import type { Logger } from "pino";
import type { Report } from "../domain.js";
import { metricLabel, sliceLabel } from "../parse/metrics.js";
import type { Library, ReportSummary } from "../service.js";
import { figureSignature } from "../store/versions.js";
import {
  asksContent,
  conditionValue,
  describeCondition,
  describeFilter,
  EMPTY_FILTER,
  type Filter,
  matchesFilter,
  matchesWhere,
  parseFilter,
  readPlace,
} from "./filter.js";
import { deadlineOf, nextDigestAt, overdueFrom, shanghaiDay } from "./schedule.js";
import type { AlertOp, AlertStore, DigestItem, Mode, Outgoing, Subscription } from "./store.js";
import { levelOf, type ReportSubject, subjectOf } from "./subject.js";

export interface AlertSettings {
  /** ALERT_DIGEST_HOUR: the hour (0–23, Asia/Shanghai) daily and weekly digests go out. Defaults to 8. */
  digestHour: number;
  /** ALERT_DIGEST_WEEKDAY: the day weekly digests go out, 0 = Sunday … 6. Defaults to 1 (Monday). */
  digestWeekday: number;
  /** ALERT_DEADLINES_PER_DAY: at most this many "未按时发布" alerts (bodies) a day. Defaults to 20. */
  deadlinesPerDay: number;
  /** Subscriptions one chat may hold. Defaults to 20. */
  maxPerChat: number;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = { digestHour: 8, digestWeekday: 1, deadlinesPerDay: 20, maxPerChat: 20 };

/** A deadline is announced only within this time after it passed (an old gap is no news). */
const DEADLINE_HORIZON_MS = 365 * 24 * 3_600_000;

export interface AlertEngineOptions {
  library: Pick<Library, "getReport" | "listReports">;
  store: AlertStore;
  segment: (text: string) => string[];
  logger: Logger;
  now?: () => number;
  settings?: Partial<AlertSettings>;
  /** Called after messages were queued (wakes the delivery). */
  onQueued?: () => void;
}

export type SubscribeResult =
  | { ok: true; sub: Subscription; description: string }
  | { ok: false; reason: "invalid" | "exists" | "full" | "empty"; error?: string; sub?: Subscription };

export interface AlertEngine {
  readonly settings: AlertSettings;
  subscribe(chatId: number, text: string): Promise<SubscribeResult>;
  list(chatId: number): Subscription[];
  /** Remove one subscription of the chat (by id), or all of them (no id); returns those removed. */
  unsubscribe(chatId: number, id?: string): Promise<Subscription[]>;
  /** Mute the chat until `until` (epoch ms), or unmute (null): what arrived meanwhile comes as one message. */
  mute(chatId: number, until: number | null): Promise<void>;
  mutedUntil(chatId: number): number | null;
  /** The chat is gone (the bot was removed): its subscriptions end. */
  forgetChat(chatId: number, reason: string): Promise<void>;
  describe(sub: Subscription): string;
  /** A report the library announced (new, or a revision): queue what it matches; returns messages/items queued. */
  onReport(summary: ReportSummary): Promise<number>;
  /** Digests and mutes that are due become messages. */
  flushDigests(): Promise<number>;
  /** When the next buffered digest (or a mute's end) is due; null when nothing is buffered. */
  nextDigestAt(): number | null;
  /** Bodies past their deadline without a report: "未按时发布", once each, capped per day. */
  checkDeadlines(): Promise<number>;
  stats(): { subscriptions: number; chats: number; pending: number; sent: number; buffered: number };
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const MODE_TEXT: Record<Mode, string> = { immediate: "有新报告时立即通知", daily: "每日摘要", weekly: "每周摘要" };
const WEEKDAYS = "日一二三四五六";

/** "review.total|natural_person" → 行政复议（自然人） */
export function figureKeyLabel(key: string): string {
  const [metric, slice] = key.split("|");
  return `${metricLabel(metric!)}${slice ? `（${sliceLabel(slice)}）` : ""}`;
}

export function createAlertEngine(options: AlertEngineOptions): AlertEngine {
  const { library, store, segment, logger } = options;
  const now = options.now ?? Date.now;
  const settings: AlertSettings = { ...DEFAULT_ALERT_SETTINGS, ...options.settings };

  const bodyNames = function* () {
    for (const r of library.listReports()) yield* [r.region, r.fullRegion, r.org];
  };
  const ctx = { segment, bodyNames };

  const modeText = (mode: Mode) =>
    mode === "daily"
      ? `每日摘要（北京时间 ${settings.digestHour}:00）`
      : mode === "weekly"
        ? `每周摘要（每周${WEEKDAYS[settings.digestWeekday]} ${settings.digestHour}:00）`
        : MODE_TEXT.immediate;
  const describe = (sub: Subscription) => `${describeFilter(sub.filter)}；${modeText(sub.mode)}`;

  const muteOf = (chatId: number): number | null => {
    const until = store.read().mutes.get(chatId);
    return until !== undefined && until > now() ? until : null;
  };

  // When the next buffered item is due: undefined when not known (recomputed), null when none.
  // Only the engine buffers items; anything that removes some (delivery: a chat gone) can only
  // make this early, and an early look just recomputes it.
  let digestDue: number | null | undefined;

  const subjectCache = new Map<string, ReportSubject>();
  const subjectFor = (id: string): ReportSubject | null => {
    let s = subjectCache.get(id);
    if (s) return s;
    const r = library.getReport(id);
    if (!r) return null;
    // The places the held reports lie in read a slip in a report's own name (沐阳县 → 沭阳县); looked
    // at only for a region the gazetteer does not know.
    const held = () => {
      const out = new Set<string>();
      for (const x of library.listReports()) {
        for (const a of [x.region, x.province]) if (a) out.add(a);
        for (const m of x.fullRegion.matchAll(/[\u4e00-\u9fff]+?(?:自治州|自治县|[省市州盟县区旗])/g)) out.add(m[0]);
      }
      return out;
    };
    s = subjectOf(r, segment, held);
    subjectCache.set(id, s);
    if (subjectCache.size > 64) subjectCache.delete(subjectCache.keys().next().value!);
    return s;
  };

  /**
   * Queue an event for the subscriptions it concerns: one message per chat for immediate ones, a
   * buffered line per subscription for digests (and for muted chats).
   */
  const dispatch = async (
    event: { key: string; kind: string },
    subs: Subscription[],
    message: (subs: Subscription[]) => string,
    line: string,
  ): Promise<number> => {
    const state = store.read();
    const t = now();
    const ops: AlertOp[] = [];
    const byChat = new Map<number, Subscription[]>();
    for (const sub of subs) {
      const key = `${sub.id}|${event.key}`;
      if (state.seen.has(key)) continue;
      const muted = muteOf(sub.chatId);
      if (sub.mode !== "immediate" || muted !== null) {
        const dueAt = sub.mode === "immediate" ? muted! : nextDigestAt(t, sub.mode, settings.digestHour, settings.digestWeekday);
        const item: DigestItem = { key, chatId: sub.chatId, subId: sub.id, line, dueAt, ...(sub.mode === "immediate" ? { muted: true } : {}) };
        ops.push({ op: "buffer", item });
        continue;
      }
      const list = byChat.get(sub.chatId) ?? [];
      list.push(sub);
      byChat.set(sub.chatId, list);
    }
    for (const [chatId, list] of byChat) {
      const msg: Outgoing = {
        id: `${chatId}|${event.kind}|${event.key}`,
        chatId,
        text: message(list),
        keys: list.map((s) => `${s.id}|${event.key}`),
        status: "pending",
        attempts: 0,
        queuedAt: t,
      };
      ops.push({ op: "queue", msg });
    }
    if (ops.length === 0) return 0;
    if (ops.some((o) => o.op === "buffer")) digestDue = undefined;
    await store.commit(ops);
    options.onQueued?.();
    return ops.length;
  };

  const reportLink = (s: Pick<ReportSubject, "fullRegion" | "year" | "org" | "level">) =>
    `/report ${s.level === "department" ? s.org : s.fullRegion || s.org} ${s.year ?? ""}`.trim();
  const yearText = (y: number | null) => (y === null ? "年份不详" : `${y}年`);
  const matchedText = (subs: Subscription[]) => `符合订阅：${subs.map((s) => esc(describeFilter(s.filter))).join("；")}`;
  const valuesText = (subs: Subscription[], s: ReportSubject) => {
    const seen = new Set<string>();
    const out: string[] = [];
    for (const sub of subs) {
      for (const c of sub.filter.conditions) {
        const v = conditionValue(c, s.values);
        const text = `${c.rate ? `${metricLabel(c.metric)}占比` : metricLabel(c.metric)}：${v}${c.rate ? "%" : ""}`;
        if (v !== null && !seen.has(text)) seen.add(text), out.push(esc(text));
      }
    }
    return out;
  };

  const onNew = async (s: ReportSubject): Promise<number> => {
    const subs = store.read().subscriptions.filter((sub) => matchesFilter(sub.filter, s));
    const head = `${esc(s.org)} ${yearText(s.year)}`;
    return dispatch(
      { key: s.versionKey, kind: "new" },
      subs,
      (list) =>
        [
          `📄 <b>新报告</b>：${esc(s.org)}`,
          `地区：${esc(s.fullRegion)} · ${yearText(s.year)}`,
          ...valuesText(list, s),
          matchedText(list),
          `查看：${esc(reportLink(s))}`,
        ].join("\n"),
      `📄 ${head}`,
    );
  };

  const onRevision = async (s: ReportSubject, earlier: Report | undefined, changed: string[]): Promise<number> => {
    const old = earlier ? subjectOf(earlier, segment) : null;
    const subs = store.read().subscriptions.filter((sub) => matchesFilter(sub.filter, s) || (old !== null && matchesFilter(sub.filter, old)));
    const current = library.getReport(s.reportId);
    const before = earlier ? figureSignature(earlier) : {};
    const after = current ? figureSignature(current) : {};
    const lines = changed.map((k) => `· ${esc(figureKeyLabel(k))}：${before[k] ?? "—"} → ${after[k] ?? "—"}`);
    const shown = lines.length > 15 ? [...lines.slice(0, 15), `……共 ${lines.length} 项有改动`] : lines;
    const head = `${esc(s.org)} ${yearText(s.year)}`;
    return dispatch(
      { key: s.versionKey, kind: "revision" },
      subs,
      (list) => [`📝 <b>报告已修订</b>：${head}`, `改动的数字（原 → 新）：`, ...shown, matchedText(list), `查看：${esc(reportLink(s))}`].join("\n"),
      `📝 ${head}（已修订：${changed
        .slice(0, 3)
        .map((k) => `${esc(figureKeyLabel(k))} ${before[k] ?? "—"} → ${after[k] ?? "—"}`)
        .join("，")}${changed.length > 3 ? "…" : ""}）`,
    );
  };

  const engine: AlertEngine = {
    settings,
    async subscribe(chatId, text) {
      if (!text.trim()) return { ok: false, reason: "empty" };
      const parsed = parseFilter(text, ctx);
      if (!parsed.ok) return { ok: false, reason: "invalid", error: parsed.error };
      const { filter, mode = "immediate" } = parsed.value;
      const mine = engine.list(chatId);
      const same = mine.find((s) => JSON.stringify(s.filter) === JSON.stringify(filter) && s.mode === mode);
      if (same) return { ok: false, reason: "exists", sub: same };
      if (mine.length >= settings.maxPerChat) return { ok: false, reason: "full" };
      const sub: Subscription = {
        id: `s${store.read().nextId}`,
        chatId,
        filter,
        mode,
        createdAt: new Date(now()).toISOString(),
        text: text.trim().slice(0, 200),
      };
      await store.commit([{ op: "subscribe", sub }]);
      return { ok: true, sub, description: describe(sub) };
    },
    list: (chatId) => store.read().subscriptions.filter((s) => s.chatId === chatId),
    async unsubscribe(chatId, id) {
      const gone = engine.list(chatId).filter((s) => id === undefined || s.id === id);
      if (gone.length) await store.commit(gone.map((s) => ({ op: "unsubscribe" as const, id: s.id })));
      return gone;
    },
    async mute(chatId, until) {
      digestDue = undefined;
      await store.commit([{ op: "mute", chatId, until }]);
      if (until === null) await engine.flushDigests();
    },
    mutedUntil: muteOf,
    async forgetChat(chatId, reason) {
      await store.commit([{ op: "chatGone", chatId, reason }]);
    },
    describe,

    async onReport(summary) {
      const s = subjectFor(summary.id);
      if (!s) return 0;
      if (summary.revisionOf) return onRevision(s, library.getReport(summary.revisionOf.id), summary.revisionOf.changed);
      return onNew(s);
    },

    async flushDigests() {
      const t = now();
      const nextDue = engine.nextDigestAt();
      if (nextDue === null || nextDue > t) return 0;
      digestDue = undefined;
      const state = store.read();
      const due = new Map<number, DigestItem[]>();
      for (const d of state.digest) {
        const mutedTill = muteOf(d.chatId);
        if (Math.max(d.dueAt, mutedTill ?? -Infinity) > t) continue;
        const list = due.get(d.chatId) ?? [];
        list.push(d);
        due.set(d.chatId, list);
      }
      if (due.size === 0) return 0;
      const ops: AlertOp[] = [];
      const subs = new Map(state.subscriptions.map((s) => [s.id, s]));
      for (const [chatId, items] of due) {
        const modes = new Set(items.map((d) => (d.muted ? "muted" : subs.get(d.subId)?.mode)));
        const title =
          modes.size === 1 && modes.has("daily")
            ? "每日摘要"
            : modes.size === 1 && modes.has("weekly")
              ? "每周摘要"
              : modes.size === 1 && modes.has("muted")
                ? "静音期间的提醒"
                : "提醒摘要";
        // One line per report version (several subscriptions may have buffered it).
        const lines = new Map<string, { line: string; keys: string[] }>();
        for (const d of items) {
          const version = d.key.slice(d.key.indexOf("|") + 1);
          const entry = lines.get(version) ?? { line: d.line, keys: [] };
          entry.keys.push(d.key);
          lines.set(version, entry);
        }
        const all = [...lines.values()];
        // Telegram's 4096 characters: as many messages as it takes.
        let part: typeof all = [];
        let size = 0;
        let n = 0;
        const flush = () => {
          if (!part.length) return;
          n += 1;
          const text = [`📰 <b>${title}</b>：${all.length} 份报告${n > 1 ? `（续${n - 1}）` : ""}`, ...part.map((p, i) => `${i + 1}. ${p.line}`)].join("\n");
          ops.push({
            op: "queue",
            msg: { id: `${chatId}|digest|${part[0]!.keys[0]}`, chatId, text, keys: part.flatMap((p) => p.keys), status: "pending", attempts: 0, queuedAt: t },
          });
          part = [];
          size = 0;
        };
        for (const p of all) {
          if (size + p.line.length + 8 > 3800) flush();
          part.push(p);
          size += p.line.length + 8;
        }
        flush();
        ops.push({ op: "unbuffer", keys: items.map((d) => d.key) });
      }
      await store.commit(ops);
      options.onQueued?.();
      return due.size;
    },

    nextDigestAt() {
      if (digestDue !== undefined) return digestDue;
      let next = Infinity;
      for (const d of store.read().digest) next = Math.min(next, Math.max(d.dueAt, muteOf(d.chatId) ?? -Infinity));
      digestDue = next === Infinity ? null : next;
      return digestDue;
    },

    async checkDeadlines() {
      const state = store.read();
      const t = now();
      const today = shanghaiDay(t);
      let budget = settings.deadlinesPerDay - (state.deadlineDays.get(today) ?? 0);
      if (budget <= 0) return 0;
      // The bodies held, each with the years it has and its newest report.
      const bodies = new Map<string, { years: Set<number>; newest: ReportSummary }>();
      for (const r of library.listReports()) {
        if (r.year === null) continue;
        const key = r.bodyKey ?? r.fullRegion ?? r.org;
        const b = bodies.get(key);
        if (!b) bodies.set(key, { years: new Set([r.year]), newest: r });
        else {
          b.years.add(r.year);
          if (r.year > (b.newest.year ?? 0)) b.newest = r;
        }
      }
      const overdue: { body: string; year: number; since: number; newest: ReportSummary }[] = [];
      for (const [body, b] of bodies) {
        const year = b.newest.year! + 1;
        const level = b.newest.level
          ? levelOf({ level: b.newest.level, org: b.newest.org, region: b.newest.region, fullRegion: b.newest.fullRegion })
          : "government";
        const since = overdueFrom(year, level);
        if (t < since || t - since > DEADLINE_HORIZON_MS || state.deadlines.has(`${body}|${year}`)) continue;
        overdue.push({ body, year, since, newest: b.newest });
      }
      overdue.sort((a, b) => a.since - b.since || (a.body < b.body ? -1 : 1));
      let told = 0;
      for (const o of overdue) {
        if (budget <= 0) break;
        const s = subjectFor(o.newest.id);
        if (!s) continue;
        const subs = store.read().subscriptions.filter((sub) => !asksContent(sub.filter) && matchesWhere(sub.filter, s));
        const d = deadlineOf(o.year, s.level);
        const name = s.level === "department" ? s.org : s.fullRegion || s.org;
        const head = `${esc(name)} ${o.year}年度报告`;
        const queued = await dispatch(
          { key: `deadline|${o.body}|${o.year}`, kind: "deadline" },
          subs,
          (list) =>
            [
              `⏰ <b>未按时发布</b>：${esc(s.org)}`,
              `${o.year}年政府信息公开工作年度报告应于 ${o.year + 1}年${d.month}月${d.day}日前公布，至今没有收到（已有${o.year - 1}年的报告）。`,
              matchedText(list),
            ].join("\n"),
          `⏰ ${head}未按时发布（应于${o.year + 1}年${d.month}月${d.day}日前）`,
        );
        // Told once, whether or not anyone subscribes to it; only alerts sent count against the day's cap.
        await store.commit([{ op: "deadline", key: `${o.body}|${o.year}`, ...(queued > 0 ? { day: today } : {}) }]);
        if (queued > 0) {
          budget -= 1;
          told += 1;
        }
      }
      if (told) logger.info({ told }, "deadline alerts queued");
      return told;
    },

    stats() {
      const s = store.read();
      let pending = 0;
      for (const m of s.outbox.values()) if (m.status === "pending" || m.status === "sending") pending++;
      return {
        subscriptions: s.subscriptions.length,
        chats: new Set(s.subscriptions.map((x) => x.chatId)).size,
        pending,
        sent: s.sent,
        buffered: s.digest.length,
      };
    },
  };
  return engine;
}

/**
 * Subscriptions of the earlier kind (region / province / keyword / all, in the bot's state) as
 * filters, so a chat keeps what it subscribed to.
 */
export function legacyFilter(kind: string, value: string, segment: (t: string) => string[]): Filter {
  if (kind === "all" || !value) return EMPTY_FILTER;
  if (kind === "region" || kind === "province") {
    const p = readPlace(value, { segment, bodyNames: () => [value] });
    if (p?.ok) return { ...EMPTY_FILTER, places: [p.value] };
  }
  return { ...EMPTY_FILTER, words: [{ word: value, tokens: [...new Set(segment(value))] }] };
}

export { describeCondition };
