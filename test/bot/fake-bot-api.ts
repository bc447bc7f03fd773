// A tiny Bot API server on 127.0.0.1 for tests that need real HTTP: long polling through the
// runner, webhooks, file downloads, auto-retry. It answers /bot<token>/<method> and
// /file/bot<token>/<path>, records every request, and never talks to Telegram.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "grammy/types";
import { BOT_INFO } from "./helpers.js";

export interface FakeRequest {
  method: string;
  token: string;
  body: Record<string, unknown>;
}

type Handler = (body: Record<string, unknown>) => unknown;

/**
 * A fault the fake injects into one call:
 * - `status`: answer with this error code (429 with `retryAfter` seconds, 5xx, 409) without performing;
 * - `drop`: close the connection without performing or answering;
 * - `lose`: perform the call (a message is delivered), then close the connection before answering.
 */
export type Fault = { kind: "status"; code: number; retryAfter?: number } | { kind: "drop" } | { kind: "lose" };

/** Faults drawn at random for every call of a method (each a probability), from a seeded generator. */
export interface FaultRates {
  lose?: number;
  drop?: number;
  status5xx?: number;
  status429?: number;
}

export interface FakeBotApi {
  url: string;
  requests: FakeRequest[];
  of(method: string): FakeRequest[];
  /** Make `update` the answer to the next getUpdates. */
  pushUpdate(update: Update): void;
  /** Answer `method` with this (a full Bot API response object) the next times it is called. */
  respondOnce(method: string, ...responses: unknown[]): void;
  /** Replace the default result of `method`. */
  handle(method: string, handler: Handler): void;
  /** Inject these faults into the next calls of `method` (optionally only those to `chatId`). */
  fault(method: string, faults: Fault[], chatId?: number): void;
  /** Inject faults at random into every call of `method` from now on (seeded: the same run every time). */
  faultRates(method: string, rates: FaultRates, seed?: number): void;
  /** While true, every call fails as `fault` says (the Bot API down); false lets them through. */
  outage(fault: Fault | false): void;
  /** Calls performed (a message sent), whether or not their answer reached the client. */
  performed: FakeRequest[];
  /** How many faults were injected, by kind. */
  injected: Record<string, number>;
  files: Map<string, Uint8Array>;
  fileRequests: string[];
  /** While true, file downloads are left unanswered (a slow network), released when set false. */
  holdFiles(on: boolean): void;
  waitFor(method: string, count?: number, timeoutMs?: number): Promise<FakeRequest[]>;
  /** Wait until `check` holds (polling every 10 ms), or fail after `timeoutMs`. */
  waitUntil(what: string, check: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  if (raw === "") return {};
  return JSON.parse(raw) as Record<string, unknown>;
}

export async function startFakeBotApi(): Promise<FakeBotApi> {
  const requests: FakeRequest[] = [];
  const pending: Update[] = [];
  const once = new Map<string, unknown[]>();
  const handlers = new Map<string, Handler>();
  const files = new Map<string, Uint8Array>();
  const fileRequests: string[] = [];
  let messageId = 1000;
  let holding = false;
  const held: (() => void)[] = [];
  const faults = new Map<string, { chatId?: number; fault: Fault }[]>();
  const rates = new Map<string, { rates: FaultRates; next: () => number }>();
  let down: Fault | false = false;
  const performed: FakeRequest[] = [];
  const injected: Record<string, number> = {};
  const pickFault = (method: string, body: Record<string, unknown>): Fault | undefined => {
    if (down) return down;
    const list = faults.get(method);
    const i = list?.findIndex((f) => f.chatId === undefined || f.chatId === Number(body.chat_id)) ?? -1;
    if (list && i >= 0) return list.splice(i, 1)[0]!.fault;
    const r = rates.get(method);
    if (!r) return undefined;
    const x = r.next();
    let edge = 0;
    for (const [key, fault] of [
      ["lose", { kind: "lose" }],
      ["drop", { kind: "drop" }],
      ["status5xx", { kind: "status", code: 502 }],
      ["status429", { kind: "status", code: 429, retryAfter: 1 }],
    ] as const) {
      edge += r.rates[key] ?? 0;
      if (x < edge) return fault;
    }
    return undefined;
  };

  const defaults: Record<string, Handler> = {
    getMe: () => BOT_INFO,
    getUpdates: () => undefined, // handled below (long poll)
    sendMessage: (b) => ({
      message_id: ++messageId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: b.chat_id, type: Number(b.chat_id) > 0 ? "private" : "supergroup" },
      text: b.text,
    }),
    getFile: (b) => ({ file_id: b.file_id, file_unique_id: "u", file_path: "documents/file_7.txt" }),
  };

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file) {
      fileRequests.push(`${decodeURIComponent(file[1])}|${decodeURIComponent(file[2])}`);
      if (holding) {
        // Never answered while held; a client that gives up (or dies) just closes the socket.
        await new Promise<void>((resolve) => held.push(resolve));
        if (res.destroyed) return;
      }
      const data = files.get(decodeURIComponent(file[2]));
      if (!data) return void res.writeHead(404).end("not found");
      return void res.writeHead(200, { "Content-Type": "application/octet-stream" }).end(data);
    }
    const call = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!call) return void res.writeHead(404).end();
    const [, token, method] = call;
    const body = await readBody(req);
    const request = { method, token: decodeURIComponent(token), body };
    requests.push(request);
    const fault = pickFault(method, body);
    if (fault) {
      const kind = fault.kind === "status" ? String(fault.code) : fault.kind;
      injected[kind] = (injected[kind] ?? 0) + 1;
    }
    if (fault?.kind === "drop") return void req.socket.destroy();
    if (fault?.kind === "status") {
      const status = fault.code;
      const answer = {
        ok: false,
        error_code: status,
        description:
          status === 429
            ? `Too Many Requests: retry after ${fault.retryAfter ?? 1}`
            : status === 409
              ? "Conflict: terminated by other getUpdates request"
              : "Bad Gateway",
        ...(status === 429 ? { parameters: { retry_after: fault.retryAfter ?? 1 } } : {}),
      };
      return void res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(answer));
    }
    const send = (payload: unknown) => {
      if (method !== "getUpdates") performed.push(request);
      if (fault?.kind === "lose") return void req.socket.destroy(); // done, but the answer never arrives
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(payload));
    };

    const queued = once.get(method)?.shift();
    if (queued !== undefined) return send(queued);
    if (method === "getUpdates") {
      // Long poll, shortened: answer at once if there is something, else after 50 ms.
      const offset = Number(body.offset ?? 0);
      const take = () => {
        const ready = pending.filter((u) => u.update_id >= offset);
        pending.splice(0, pending.length, ...pending.filter((u) => u.update_id >= offset));
        return ready;
      };
      let ready = take();
      if (ready.length === 0) {
        await new Promise((r) => setTimeout(r, 50));
        ready = take();
      }
      return send({ ok: true, result: ready });
    }
    const handler = handlers.get(method) ?? defaults[method];
    return send({ ok: true, result: handler ? handler(body) : true });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const api: FakeBotApi = {
    url: `http://127.0.0.1:${port}`,
    requests,
    of: (method) => requests.filter((r) => r.method === method),
    pushUpdate: (update) => void pending.push(update),
    respondOnce: (method, ...responses) => void once.set(method, [...(once.get(method) ?? []), ...responses]),
    handle: (method, handler) => void handlers.set(method, handler),
    fault: (method, list, chatId) =>
      void faults.set(method, [...(faults.get(method) ?? []), ...list.map((fault) => ({ fault, ...(chatId !== undefined ? { chatId } : {}) }))]),
    faultRates(method, r, seed = 1) {
      let x = seed >>> 0 || 1;
      // xorshift32: the same faults in the same order every run
      const next = () => {
        x ^= x << 13;
        x >>>= 0;
        x ^= x >>> 17;
        x ^= x << 5;
        x >>>= 0;
        return x / 0x100000000;
      };
      rates.set(method, { rates: r, next });
    },
    outage: (fault) => void (down = fault),
    performed,
    injected,
    files,
    fileRequests,
    holdFiles(on) {
      holding = on;
      if (!on) for (const release of held.splice(0)) release();
    },
    async waitUntil(what, check, timeoutMs = 5000) {
      const start = Date.now();
      while (!check()) {
        if (Date.now() - start > timeoutMs) throw new Error(`fake Bot API: ${what} not within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async waitFor(method, count = 1, timeoutMs = 5000) {
      const start = Date.now();
      while (api.of(method).length < count) {
        if (Date.now() - start > timeoutMs) throw new Error(`fake Bot API: no ${count}× ${method} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return api.of(method);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const release of held.splice(0)) release();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return api;
}
