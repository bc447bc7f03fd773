// The alert load test, small: 1,000 subscriptions and 40 new reports on a simulated clock, the
// state in files (compacted and pruned every 97 commits, reopened after a restart half-way), 429s
// injected. Every expected (subscription,
// report version) arrives exactly once and no window breaks Telegram's limits. `npm run bench --
// --alerts` runs the same with 10,000 subscriptions and 200 reports and reports the time.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fileAlertStore } from "../../src/alerts/store.js";
import { runAlertLoad } from "../../src/bench/alerts-load.js";
import { segment } from "../../src/index/segment.js";

describe("alert load", () => {
  it("1,000 subscriptions × 40 reports: each alert once, within the limits, across 429s and a restart", async () => {
    const base = join(mkdtempSync(join(tmpdir(), "nianbao-alerts-")), "db.alerts");
    const r = await runAlertLoad({ subscriptions: 1000, reports: 40, segment, every429: 50, openStore: () => fileAlertStore(base, { compactEvery: 97 }) });
    expect(r.subscriptions).toBe(1000);
    expect(r.expectedKeys).toBeGreaterThan(1000); // enough traffic that the limits bind
    expect(r.rateLimited).toBeGreaterThan(10);
    expect({ missing: r.missing, duplicated: r.duplicated, unexpected: r.unexpected }).toEqual({ missing: 0, duplicated: 0, unexpected: 0 });
    expect(r.violations).toEqual({ global: 0, chat: 0, group: 0 });
    expect(r.peakPerSecond).toBe(30); // and as fast as they allow
    // one message per chat and report: fewer messages than (subscription, version) pairs
    expect(r.messagesSent).toBeLessThan(r.expectedKeys);
  }, 240_000);
});
