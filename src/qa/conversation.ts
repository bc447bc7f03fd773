// A conversation's memory, per chat: the last question's body, years and topic (so a fragment
// completes it) and the choices last offered (so a button or a number picks one). Kept for a while
// (30 minutes by default) and for a bounded number of chats; in memory only — a restart forgets.
import type { Answer, QueryContext } from "../domain.js";

/** Choices offered for a question: picking one asks it again with the choice in place of `choiceFor`. */
export interface Pending {
  question: string;
  choiceFor: string;
  choices: string[];
}

interface Entry {
  context?: QueryContext;
  pending?: Pending;
  at: number;
}

export interface ConversationOptions {
  /** How long a chat's last question is kept (default 30 minutes). */
  ttlMs?: number;
  /** Chats kept at most; the longest idle go first (default 10,000). */
  max?: number;
  now?: () => number;
}

export class Conversations {
  private readonly chats = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly max: number;
  private readonly now: () => number;

  constructor(options: ConversationOptions = {}) {
    this.ttlMs = options.ttlMs ?? 30 * 60_000;
    this.max = options.max ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  private entry(chat: string): Entry | undefined {
    const e = this.chats.get(chat);
    if (!e) return undefined;
    if (this.now() - e.at > this.ttlMs) {
      this.chats.delete(chat);
      return undefined;
    }
    return e;
  }

  /** The chat's last question, while it is fresh. */
  context(chat: string): QueryContext | undefined {
    return this.entry(chat)?.context;
  }

  /** The choices last offered in the chat, while fresh. */
  pending(chat: string): Pending | undefined {
    return this.entry(chat)?.pending;
  }

  /** Keep what an answer asked (its context) and the choices it offered. */
  remember(chat: string, a: Answer): void {
    const old = this.entry(chat);
    const pending = a.choices?.length && a.choiceFor ? { question: a.understoodAs ?? a.question, choiceFor: a.choiceFor, choices: a.choices } : undefined;
    const context = a.context ?? old?.context;
    this.chats.delete(chat); // re-inserted last: the Map's order is the idle order
    this.chats.set(chat, { ...(context ? { context } : {}), ...(pending ? { pending } : {}), at: this.now() });
    while (this.chats.size > this.max) this.chats.delete(this.chats.keys().next().value!);
  }
}

/**
 * The question a pick stands for: the pending question with the choice in place of the words it
 * replaces (平潭2019年… with 平潭综合实验区 → 平潭综合实验区2019年…).
 *
 *   picked({ question: "长受区2018年行政复议多少件", choiceFor: "长受区", choices: ["长寿区"] }, 0) → "长寿区2018年行政复议多少件"
 */
export function picked(p: Pending, index: number): string | null {
  const choice = p.choices[index];
  if (choice === undefined) return null;
  const at = p.question.indexOf(p.choiceFor);
  // The words may have been typed apart or in another script: then the choice leads the question.
  return at >= 0 ? p.question.slice(0, at) + choice + p.question.slice(at + p.choiceFor.length) : `${choice}${p.question}`;
}
