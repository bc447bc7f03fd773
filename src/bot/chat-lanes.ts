// One lane per chat: a chat whose connection fails (retried within its budget, backing off) holds
// only its own lane; the other chats' messages keep flowing. Used by the alert loop.

/**
 * Run `work` over `items`: items of one chat one after another, in order; different chats at the
 * same time, at most `concurrency` chats at once. Resolves when every lane is done (a lane's
 * failure is the work's own business: `work` should not throw, and a throw ends only its lane).
 */
export async function perChatLanes<T>(items: readonly T[], chatOf: (item: T) => number, work: (item: T) => Promise<void>, concurrency = 8): Promise<void> {
  const lanes = new Map<number, T[]>();
  for (const item of items) {
    const chat = chatOf(item);
    const lane = lanes.get(chat);
    if (lane) lane.push(item);
    else lanes.set(chat, [item]);
  }
  const queue = [...lanes.values()];
  const runLane = async (): Promise<void> => {
    for (let lane = queue.shift(); lane; lane = queue.shift()) {
      try {
        for (const item of lane) await work(item);
      } catch {
        // the lane ends; the others go on
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, runLane));
}

/**
 * Space starts at least `gapMs` apart across all lanes (Telegram's ≈30 messages/s overall):
 * each call reserves the next free slot at once and resolves when it comes.
 */
export function pacer(gapMs: number, now: () => number = Date.now): () => Promise<void> {
  let next = -Infinity;
  return () => {
    const at = Math.max(now(), next);
    next = at + gapMs;
    const wait = at - now();
    return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : Promise.resolve();
  };
}
