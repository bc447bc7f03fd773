// The alert load test: N subscriptions (typed the way people type them, across chats and groups)
// and R new synthetic reports, delivered through a fake Bot API on a simulated clock, with 429s
// injected and a restart part-way. Checks that every expected (subscription, report version) is
// delivered exactly once and that no window broke Telegram's limits; measures the wall time.
// Used by `npm run bench -- --alerts` and, smaller, by test/alerts/load.test.ts.
import { type Api, GrammyError } from "grammy";
import { pino } from "pino";
import { createDelivery, TELEGRAM_LIMITS } from "../alerts/delivery.js";
import { createAlertEngine } from "../alerts/engine.js";
import { matchesFilter } from "../alerts/filter.js";
import { type AlertStore, memoryAlertStore, type Outgoing } from "../alerts/store.js";
import { subjectOf } from "../alerts/subject.js";
import { regionKey } from "../catalog.js";
import type { Report } from "../domain.js";
import { parseReport } from "../parse/report.js";
import type { ReportSummary } from "../service.js";
import { generateReport } from "./generate.js";
import { Rng } from "./random.js";

export interface AlertLoadOptions {
  subscriptions: number;
  reports: number;
  seed?: number;
  segment: (text: string) => string[];
  /** A fresh store, and the same store opened again after the restart. Defaults to memory (a snapshot round trip). */
  openStore?: (restart: boolean) => AlertStore;
  /** Every k-th sendMessage is answered 429 (retry_after 1–3 s). 0: never. Defaults to 97. */
  every429?: number;
  /** Restart (new engine, delivery and store opened again) after this many reports. Defaults to half. */
  restartAfter?: number;
  log?: (line: string) => void;
}

export interface AlertLoadResult {
  subscriptions: number;
  chats: number;
  groups: number;
  reports: number;
  /** (subscription, report version) pairs that match. */
  expectedKeys: number;
  /** Messages sent (a message carries all of a chat's matching subscriptions, or a digest). */
  messagesSent: number;
  /** Sends answered 429 (retried). */
  rateLimited: number;
  missing: number;
  duplicated: number;
  unexpected: number;
  violations: { global: number; chat: number; group: number };
  /** Simulated seconds from the first report until the last immediate alert was sent. */
  simulatedSeconds: number;
  wallMs: { prepare: number; subscribe: number; run: number };
  /** Per-second peak of sends (≤ 30). */
  peakPerSecond: number;
}

const START = Date.UTC(2026, 0, 5, 1); // Monday 09:00 in Shanghai
const WORDS = ["12345", "疫情", "政务公开", "新媒体", "培训", "依申请公开", "规范性文件"];

/** The subscription a person might type, drawn from the reports' places. */
function subscriptionText(rng: Rng, reports: readonly Report[]): string {
  const placed = reports.filter((x) => x.province);
  const r = rng.pick(placed.length ? placed : reports);
  const places = [r.province, r.city, r.county].filter((p): p is string => !!p);
  const place = places.length ? rng.pick(places) : "all";
  const mode = rng.weighted([
    ["", 85],
    [" 每日", 10],
    [" 每周", 5],
  ] as const);
  const kind = rng.weighted([
    ["place", 40],
    ["level", 15],
    ["figure", 20],
    ["both", 10],
    ["check", 5],
    ["word", 8],
    ["all", 2],
  ] as const);
  const figure = () =>
    rng.pick([`行政复议>=${rng.int(0, 30)}`, `行政诉讼>${rng.int(0, 10)}`, `复议纠错率>${rng.pick([10, 20, 30])}%`, `收到申请>=${rng.int(10, 500)}`]);
  const body =
    kind === "place"
      ? place
      : kind === "level"
        ? `${place} ${rng.pick(["政府", "部门", "街道乡镇"])}`
        : kind === "figure"
          ? figure()
          : kind === "both"
            ? `${place} ${figure()}`
            : kind === "check"
              ? rng.pick(["勾稽不符", "表文不一致"])
              : kind === "word"
                ? rng.pick(WORDS)
                : "all";
  return `${body}${mode}`;
}

function summaryOf(r: Report): ReportSummary {
  return {
    id: r.id,
    org: r.org,
    region: r.region,
    fullRegion: r.fullRegion,
    ...(r.province ? { province: r.province } : {}),
    level: r.level,
    bodyKey: regionKey(r),
    year: r.year,
    template: r.template,
    figureCount: r.figures.length,
    warningCount: r.warnings.length,
    sourceName: r.sourceName,
  };
}

export async function runAlertLoad(options: AlertLoadOptions): Promise<AlertLoadResult> {
  const { segment } = options;
  const seed = options.seed ?? 13;
  const every429 = options.every429 ?? 97;
  const restartAfter = options.restartAfter ?? Math.floor(options.reports / 2);
  const log = options.log ?? (() => undefined);
  const logger = pino({ level: "silent" });
  let snapshot = "";
  // Every message as queued, whatever the store prunes later: what each send delivered.
  const byId = new Map<string, Outgoing>();
  const tap = (inner: AlertStore & { dump?: () => string }): AlertStore & { dump?: () => string } => ({
    read: () => inner.read(),
    async commit(ops) {
      for (const o of ops) if (o.op === "queue" && !byId.has(o.msg.id)) byId.set(o.msg.id, o.msg);
      await inner.commit(ops);
    },
    get commits() {
      return inner.commits;
    },
    ...(inner.dump ? { dump: () => inner.dump!() } : {}),
  });
  const open = options.openStore ?? ((restart: boolean) => (restart ? memoryAlertStore(snapshot) : memoryAlertStore()));
  const openStore = (restart: boolean) => tap(open(restart));

  // ── the reports
  let t0 = performance.now();
  const reports: Report[] = [];
  for (let i = 0; reports.length < options.reports; i++) {
    const g = generateReport(seed, i);
    const parsed = parseReport(g.text, { name: g.name });
    if (parsed.ok && parsed.report.year !== null && parsed.report.org) reports.push(parsed.report);
  }
  const reportsById = new Map(reports.map((r) => [r.id, r]));
  const held: ReportSummary[] = [];
  const library = { listReports: () => held, getReport: (id: string) => reportsById.get(id) };
  const prepareMs = performance.now() - t0;

  // ── the chats and their subscriptions
  const clock = { now: START };
  let store = openStore(false);
  const onQueued = () => undefined;
  let engine = createAlertEngine({ library, store, segment, logger, now: () => clock.now, settings: { maxPerChat: 50 }, onQueued });
  const rng = new Rng(seed, 1_000_001);
  const chatCount = Math.max(1, Math.round(options.subscriptions / 2));
  const chatIds = Array.from({ length: chatCount }, (_, i) => (i % 10 === 0 ? -(1_000_000 + i) : 10_000 + i));
  // The bodies are named by the reports: listed for readPlace while subscribing.
  held.push(...reports.map(summaryOf));
  t0 = performance.now();
  let made = 0;
  for (let i = 0; made < options.subscriptions && i < options.subscriptions * 3; i++) {
    const res = await engine.subscribe(rng.pick(chatIds), subscriptionText(rng, reports));
    if (res.ok) made++;
  }
  const subscribeMs = performance.now() - t0;
  held.length = 0;
  log(`  ${made} subscriptions in ${chatCount} chats (${chatIds.filter((c) => c < 0).length} groups), ${reports.length} reports`);

  // ── what must arrive: every matching (subscription, version), computed from the filters alone
  const expected = new Set<string>();
  const subjects = reports.map((r) => subjectOf(r, segment));
  for (const sub of store.read().subscriptions) for (const s of subjects) if (matchesFilter(sub.filter, s)) expected.add(`${sub.id}|${s.versionKey}`);

  // ── the fake Bot API: records every call; every k-th answered 429
  const calls: { at: number; chatId: number; text: string; ok: boolean }[] = [];
  let n429 = 0;
  const api = {
    async sendMessage(chatId: number, text: string) {
      const k = calls.length + 1;
      if (every429 > 0 && k % every429 === 0) {
        calls.push({ at: clock.now, chatId, text, ok: false });
        n429++;
        const retry = 1 + (k % 3);
        throw new GrammyError(
          `Call to 'sendMessage' failed! (429: Too Many Requests: retry after ${retry})`,
          { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retry}`, parameters: { retry_after: retry } },
          "sendMessage",
          {},
        );
      }
      calls.push({ at: clock.now, chatId, text, ok: true });
      return { message_id: k, date: 0, chat: { id: chatId, type: "private" }, text };
    },
  } as unknown as Pick<Api, "sendMessage">;

  let delivery = createDelivery({ store, api, logger, now: () => clock.now });
  const runUntil = async (until: number) => {
    for (;;) {
      await engine.flushDigests();
      const sent = await delivery.deliverDue();
      const digest = engine.nextDigestAt();
      const next = sent === null ? digest : digest === null ? sent : Math.min(sent, digest);
      if (next === null || next > until) {
        clock.now = Math.max(clock.now, until);
        return;
      }
      clock.now = Math.max(clock.now, next);
    }
  };

  // ── reports arrive one a second; the process restarts part-way
  t0 = performance.now();
  for (const [i, r] of reports.entries()) {
    held.push(summaryOf(r));
    await engine.onReport(summaryOf(r));
    await runUntil(clock.now + 1000);
    if (i + 1 === restartAfter) {
      snapshot = store.dump?.() ?? "";
      store = openStore(true);
      engine = createAlertEngine({ library, store, segment, logger, now: () => clock.now, settings: { maxPerChat: 50 }, onQueued });
      delivery = createDelivery({ store, api, logger, now: () => clock.now });
      log(`  restarted after report ${i + 1} (${store.read().outbox.size} messages pending)`);
    }
  }
  // until the immediate alerts are out, then through the next weekly digest
  await runUntil(clock.now + 3_600_000);
  const immediateDone = Math.max(START, ...calls.filter((c) => c.ok && !c.text.startsWith("📰")).map((c) => c.at));
  await runUntil(START + 8 * 86_400_000);
  const runMs = performance.now() - t0;

  // ── exactly once
  const messages = new Map<string, Outgoing[]>();
  for (const m of byId.values()) {
    const id = `${m.chatId}\u0000${m.text}`;
    messages.set(id, [...(messages.get(id) ?? []), m]);
  }
  const delivered = new Map<string, number>();
  for (const c of calls) {
    if (!c.ok) continue;
    const id = `${c.chatId}\u0000${c.text}`;
    // A send is one message: the next one with this text (a second send of a text queued once is a duplicate).
    const m = messages.get(id)?.shift();
    for (const k of m?.keys ?? [`?${id}`]) delivered.set(k, (delivered.get(k) ?? 0) + 1);
  }
  let missing = 0;
  let duplicated = 0;
  let unexpected = 0;
  for (const k of expected) {
    const got = delivered.get(k) ?? 0;
    if (got === 0) missing++;
    if (got > 1) duplicated++;
  }
  for (const k of delivered.keys()) if (!expected.has(k)) unexpected++;
  if (process.env.DEBUG_ALERT_LOAD) {
    const subs = new Map(store.read().subscriptions.map((s) => [s.id, s]));
    const miss = [...expected].filter((k) => !delivered.has(k));
    const byMode = new Map<string, number>();
    for (const k of miss) {
      const m = subs.get(k.split("|")[0]!)?.mode ?? "?";
      byMode.set(m, (byMode.get(m) ?? 0) + 1);
    }
    log(
      `missing by mode ${JSON.stringify([...byMode])}; digest left ${store.read().digest.length}; pending ${[...store.read().outbox.values()]
        .filter((m) => m.status !== "sent")
        .map((m) => m.status)
        .join(",")
        .slice(0, 200)}`,
    );
    log(`seen ${miss.filter((k) => store.read().seen.has(k)).length}`);
  }

  // ── the limits, over every call made (a 429 counts as a send)
  const times = calls.map((c) => c.at).sort((a, b) => a - b);
  const violations = { global: 0, chat: 0, group: 0 };
  for (let i = TELEGRAM_LIMITS.perSecond; i < times.length; i++) if (times[i]! - times[i - TELEGRAM_LIMITS.perSecond]! < 1000) violations.global++;
  const perChat = new Map<number, number[]>();
  for (const c of calls) perChat.set(c.chatId, [...(perChat.get(c.chatId) ?? []), c.at]);
  for (const [chatId, list] of perChat) {
    list.sort((a, b) => a - b);
    for (let i = 1; i < list.length; i++) if (list[i]! - list[i - 1]! < TELEGRAM_LIMITS.chatGapMs) violations.chat++;
    if (chatId < 0)
      for (let i = TELEGRAM_LIMITS.groupPerMinute; i < list.length; i++) if (list[i]! - list[i - TELEGRAM_LIMITS.groupPerMinute]! < 60_000) violations.group++;
  }
  const perSecond = new Map<number, number>();
  for (const t of times) perSecond.set(Math.floor(t / 1000), (perSecond.get(Math.floor(t / 1000)) ?? 0) + 1);

  return {
    subscriptions: made,
    chats: new Set(store.read().subscriptions.map((s) => s.chatId)).size,
    groups: new Set(
      store
        .read()
        .subscriptions.filter((s) => s.chatId < 0)
        .map((s) => s.chatId),
    ).size,
    reports: reports.length,
    expectedKeys: expected.size,
    messagesSent: calls.filter((c) => c.ok).length,
    rateLimited: n429,
    missing,
    duplicated,
    unexpected,
    violations,
    simulatedSeconds: (immediateDone - START) / 1000,
    wallMs: { prepare: prepareMs, subscribe: subscribeMs, run: runMs },
    peakPerSecond: Math.max(0, ...perSecond.values()),
  };
}

export function formatAlertLoad(r: AlertLoadResult): string {
  const f = (n: number) => n.toFixed(1);
  return [
    `alerts: ${r.subscriptions} subscriptions in ${r.chats} chats (${r.groups} groups), ${r.reports} new reports`,
    `  expected ${r.expectedKeys} (subscription, version) alerts in ${r.messagesSent} messages; missing ${r.missing}, twice ${r.duplicated}, unexpected ${r.unexpected}`,
    `  limits: ${r.violations.global + r.violations.chat + r.violations.group} violations (peak ${r.peakPerSecond} messages in one second); ${r.rateLimited} answers 429 retried; one restart`,
    `  simulated: the last immediate alert ${f(r.simulatedSeconds)} s after the first report (reports arriving one a second)`,
    `  wall: reports parsed in ${f(r.wallMs.prepare / 1000)} s, subscriptions parsed in ${f(r.wallMs.subscribe / 1000)} s, matching + queueing + delivery in ${f(r.wallMs.run / 1000)} s`,
  ].join("\n");
}
