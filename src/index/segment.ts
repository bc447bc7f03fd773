// The only import of the jieba binding. Segmentation is the expensive step of indexing (~17 MB/s):
// it runs once per report at ingest, and the tokens are stored with the record.
//
// Loading jieba's dictionary takes ~1 s and ≈260 MB, which nodejieba never gives back, and a
// figure answer needs it (clause-match.ts weighs the question's words). So a process loads it once,
// in a thread of its own (startSegmenter, segment-worker.mjs): the main thread's cuts are asked of
// that thread synchronously (a message, then Atomics.wait for the answer), and the reader's workers
// send it their reports' texts over ports of their own (segmenterLink), each cut in its turn
// (releaseCut) with the names taught before it. A process that answers questions starts it first
// thing, so that jieba loads while the main thread reads the catalog. Same words taught in the same
// order, the same cuts.

import { fileURLToPath } from "node:url";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import nodejieba from "nodejieba";
import { METRICS } from "../parse/metrics.js";

let ready = false;
const inserted = new Set<string>();
/** Every word taught so far, in order (a worker thread's jieba is taught the same: reader.ts). */
const learned: string[] = [];
const seen = new Set<string>();
/** Names learned before jieba is loaded: inserted at the first segment(), so a start-up that only
 * answers figures never pays for loading the dictionary (~0.9 s, 280 MB). */
const pending: string[] = [];

/** Domain words jieba's default dictionary cuts apart. */
const DOMAIN_WORDS = [
  "政府信息公开",
  "依申请公开",
  "主动公开",
  "行政复议",
  "行政诉讼",
  "政策解读",
  "政务公开",
  "政务新媒体",
  "信息处理费",
  "三安全一稳定",
  "行政执法案卷",
  "行政查询事项",
  "结转下年度",
  "上年结转",
  "不予公开",
  "部分公开",
  "予以公开",
  "无法提供",
  "不予处理",
  "复议后起诉",
  "直接起诉",
  "尚未审结",
  "三审三校",
  "行政事业性收费",
  "规范性文件",
  "政府集中采购",
  "门户网站",
  "12345",
  "办事处",
  "人民政府",
  "公开发布",
  "发布信息",
  "公开信息",
  "政府网站",
  "宣传册",
  "常务会议",
  "人大代表建议",
  "政协委员提案",
  "查阅点",
  "专项经费",
  "举报投诉",
  "重复申请",
  "公开出版物",
  "新闻发布会",
];

/** jieba's thread (startSegmenter), and the words taught here it has not been sent yet. */
let remote: { worker: Worker; port: MessagePort; signal: Int32Array; outbox: string[] } | undefined;

/** The reader workers' ports to jieba's thread (segmenterLink). */
let nextLink = 1;

/** How long a cut may wait for jieba's thread (its dictionary loading included) before this thread loads its own. */
const REMOTE_WAIT_MS = 120_000;

/**
 * The dictionaries jieba loads, here and in its thread: its own, but an IDF table of one line
 * (assets/jieba): only keyword extraction reads one, never a cut; its own is 6 MB to parse at
 * every load and ≈20 MB in memory.
 */
export const JIEBA_DICTS = { idfDict: fileURLToPath(new URL("../../assets/jieba/idf.utf8", import.meta.url)) };

/**
 * Load jieba in a thread of its own now, without waiting for it; this thread's cuts go to it from
 * here on. Without worker threads, or once it fails, jieba loads here at the first cut, as before.
 */
export function startSegmenter(): void {
  if (remote || ready) return;
  try {
    const { port1, port2 } = new MessageChannel();
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(new URL("./segment-worker.mjs", import.meta.url), {
      workerData: { port: port2, signal, dicts: JIEBA_DICTS },
      transferList: [port2],
    });
    worker.unref(); // never holds the process
    port1.unref();
    worker.on("error", () => undefined); // seen by the next cut (no answer): it falls back
    remote = { worker, port: port1, signal, outbox: [] };
  } catch {
    remote = undefined;
  }
  if (remote) ensureLoaded();
}

/** Where cuts are made: jieba's own thread, this thread, or nowhere yet (not loaded). */
export function segmenterMode(): "thread" | "here" | "not loaded" {
  return remote ? "thread" : ready ? "here" : "not loaded";
}

/**
 * A port to jieba's thread for a reader's worker (started if need be), or undefined when jieba is
 * loaded on this thread already or cannot have a thread: the worker then loads a jieba of its own.
 * The worker sends `{ seq, texts }` (or `{ seq, skip: true }`) for each report released to it by
 * releaseCut, and gets `{ seq, tokens, ms }` (or `{ seq, error }`) once its turn came.
 */
export function segmenterLink(): { id: number; port: MessagePort } | undefined {
  if (ready && !remote) return undefined;
  startSegmenter();
  if (!remote) return undefined;
  const { port1, port2 } = new MessageChannel();
  const id = nextLink++;
  remote.port.postMessage({ attach: id, port: port2 }, [port2]);
  return { id, port: port1 };
}

/** Report `seq` of link `link` is cut next, after the words taught so far (and before any taught later). */
export function releaseCut(link: number, seq: number): void {
  remote?.port.postMessage({ words: remote.outbox.splice(0), release: { link, seq } });
}

/** A worker's port is closed: its reports waiting for their turn are dropped. */
export function detachLink(link: number): void {
  remote?.port.postMessage({ detach: link });
}

/** jieba's cut-for-search (HMM on) of each text: in jieba's thread when there is one, else here. */
function cutForSearch(texts: readonly string[]): string[][] {
  ensureLoaded();
  if (remote) {
    const r = remote;
    Atomics.store(r.signal, 0, 0);
    r.port.postMessage({ words: r.outbox.splice(0), texts });
    const until = Date.now() + REMOTE_WAIT_MS;
    while (Atomics.load(r.signal, 0) === 0 && Date.now() < until) Atomics.wait(r.signal, 0, 0, 1000);
    const reply = receiveMessageOnPort(r.port)?.message as { tokens?: string[][]; error?: string } | undefined;
    if (reply?.tokens) return reply.tokens;
    // No answer (the thread failed, or jieba would not load there): jieba here from now on,
    // taught every word taught so far, in order.
    remote = undefined;
    void r.worker.terminate();
    nodejieba.load(JIEBA_DICTS);
    for (const w of inserted) nodejieba.insertWord(w);
  }
  return texts.map((t) => nodejieba.cutForSearch(t, true));
}

function ensureLoaded(): void {
  if (ready) return;
  if (!remote) nodejieba.load(JIEBA_DICTS);
  ready = true;
  for (const w of DOMAIN_WORDS) addWord(w);
  for (const m of METRICS) for (const alt of m.terms) for (const t of alt) if (t.length >= 2) addWord(t);
  for (const w of pending.splice(0)) insert(w);
}

/** Teach jieba a name (小板桥街道 is otherwise cut 小/板桥). Cheap; idempotent. */
export function addWord(word: string): void {
  // Seen before: waiting in `pending`, or inserted (a start-up teaches ~6 names per entry, most of
  // them again: the same body's reports of other years).
  if (seen.has(word)) return;
  const w = word.trim();
  if (w.length < 2 || w.length > 20 || inserted.has(w) || /\s/.test(w)) return;
  if (!seen.has(w)) {
    seen.add(w);
    learned.push(w);
  }
  if (!ready) {
    pending.push(w);
    return;
  }
  insert(w);
}

function insert(w: string): void {
  if (inserted.has(w)) return;
  inserted.add(w);
  if (remote) remote.outbox.push(w);
  else nodejieba.insertWord(w);
}

/** Words taught from position `from` on (`learnedWords(0).length` is the count). */
export function learnedWords(from = 0): string[] {
  return learned.slice(from);
}

const STOP = new Set(
  "的 了 和 与 及 或 在 是 有 为 对 等 中 上 下 年 月 日 个 件 条 次 多少 几 几个 几件 什么 哪些 哪个 怎么 怎么样 如何 是否 吗 呢 啊 吧 请 请问 一共 共 总共 多 少 情况 一下 告诉 我 你 这 那 其 之 也 都 就 被 把 从 到 由 向 以 于 将 并 而 又 还 该 各 每 本 全 其中 通过 进行 开展 工作 有关".split(
    " ",
  ),
);

/** Words of a text for indexing and querying: jieba cut-for-search, HMM on, punctuation and stop words out. */
export function segment(text: string): string[] {
  const out: string[] = [];
  // jieba is slow on pathological input (megabytes without punctuation): cut in bounded pieces.
  for (let i = 0; i < text.length; i += 4000) {
    for (const raw of cutForSearch([text.slice(i, i + 4000)])[0]!) {
      // Cheap checks first: this loop runs for every token of every report at ingest.
      if (!isWordy(raw.charCodeAt(0)) && !isWordy(raw.charCodeAt(raw.length - 1))) continue;
      const t = /[A-Z\s]/.test(raw) ? raw.trim().toLowerCase() : raw;
      if (!t || STOP.has(t)) continue;
      out.push(t);
    }
  }
  return out;
}

/**
 * Segment many short texts (the passages of a report) in one jieba call: texts are joined with
 * "\n" into chunks of ~4000 characters and the tokens split back at the newlines. Same tokens as
 * segment() on each text, without a native call per passage.
 */
export function segmentMany(texts: readonly string[]): string[][] {
  const plan = planCuts(texts);
  return collectCuts(plan, cutForSearch(plan.chunks));
}

/** segmentMany's chunks, and which texts each holds (`firsts[i]` … `firsts[i+1]` − 1). */
export interface CutPlan {
  chunks: string[];
  firsts: number[];
  count: number;
}

/** The chunks segmentMany cuts (a reader's worker sends them to jieba's thread: reader-worker.ts). */
export function planCuts(texts: readonly string[]): CutPlan {
  const chunks: string[] = [];
  const firsts: number[] = [];
  let start = 0;
  while (start < texts.length) {
    let end = start;
    let len = 0;
    while (end < texts.length && (end === start || len + texts[end]!.length < 4000)) len += texts[end++]!.length + 1;
    firsts.push(start);
    chunks.push(
      texts
        .slice(start, end)
        .map((t) => t.replace(/\n/g, " "))
        .join("\n"),
    );
    start = end;
  }
  firsts.push(texts.length);
  return { chunks, firsts, count: texts.length };
}

/** Each text's words from jieba's cuts of the plan's chunks. */
export function collectCuts(plan: CutPlan, cuts: readonly (readonly string[])[]): string[][] {
  const out: string[][] = Array.from({ length: plan.count }, () => []);
  for (let c = 0; c < plan.chunks.length; c++) {
    let k = plan.firsts[c]!;
    const last = plan.firsts[c + 1]! - 1;
    for (const raw of cuts[c]!) {
      if (raw.includes("\n")) {
        k += raw.split("\n").length - 1;
        continue;
      }
      if (!isWordy(raw.charCodeAt(0)) && !isWordy(raw.charCodeAt(raw.length - 1))) continue;
      const t = /[A-Z\s]/.test(raw) ? raw.trim().toLowerCase() : raw;
      if (!t || STOP.has(t)) continue;
      out[Math.min(k, last)]!.push(t);
    }
  }
  return out;
}

/** CJK, digit or Latin letter: the characters a search word is made of. */
function isWordy(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || c >= 0x20000;
}
