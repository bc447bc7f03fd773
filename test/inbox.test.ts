import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { watchInbox } from "../src/inbox.js";
import { fakeLibrary, silentLogger } from "./bot/helpers.js";

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function inbox() {
  const root = await mkdtemp(join(tmpdir(), "nianbao-inbox-"));
  cleanup.push(() => rm(root, { recursive: true, force: true }));
  const dir = join(root, "inbox");
  const library = fakeLibrary();
  const ingested: { name: string; text: string }[] = [];
  const ingest = library.ingestFile.bind(library);
  library.ingestFile = async (name, data) => {
    ingested.push({ name, text: new TextDecoder().decode(data) });
    if (name.includes("throws")) throw new Error("parser crashed");
    return ingest(name, data);
  };
  const stop = watchInbox(dir, library, silentLogger, { intervalMs: 20 });
  cleanup.push(stop);
  return { dir, library, ingested, stop };
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("watchInbox", () => {
  it("creates the folders, ingests a dropped file and moves it to done/", async () => {
    const { dir, ingested } = await inbox();
    await until(() => existsSync(join(dir, "done")) && existsSync(join(dir, "failed")));
    await writeFile(join(dir, "长寿区2018.txt"), "长寿区 报告");
    await until(() => existsSync(join(dir, "done", "长寿区2018.txt")));
    expect(ingested).toEqual([{ name: "长寿区2018.txt", text: "长寿区 报告" }]);
    expect(existsSync(join(dir, "长寿区2018.txt"))).toBe(false);
    expect(await readdir(join(dir, "failed"))).toEqual([]);
  });

  it("moves a rejected file to failed/ with the reason in .error.txt", async () => {
    const { dir } = await inbox();
    await until(() => existsSync(join(dir, "failed")));
    await writeFile(join(dir, "garbage.pdf"), "BAD content");
    await until(() => existsSync(join(dir, "failed", "garbage.pdf.error.txt")));
    expect(existsSync(join(dir, "failed", "garbage.pdf"))).toBe(true);
    expect(await readFile(join(dir, "failed", "garbage.pdf.error.txt"), "utf8")).toContain("无法识别的文件内容");
  });

  it("moves a file whose ingest throws to failed/ too, and keeps going", async () => {
    const { dir, ingested } = await inbox();
    await until(() => existsSync(join(dir, "failed")));
    await writeFile(join(dir, "throws.txt"), "x");
    await writeFile(join(dir, "fine.txt"), "y");
    await until(() => existsSync(join(dir, "failed", "throws.txt.error.txt")) && existsSync(join(dir, "done", "fine.txt")));
    expect(await readFile(join(dir, "failed", "throws.txt.error.txt"), "utf8")).toContain("parser crashed");
    expect(ingested.map((i) => i.name).sort()).toEqual(["fine.txt", "throws.txt"]);
  });

  it("does not overwrite an earlier file of the same name in done/", async () => {
    const { dir } = await inbox();
    await until(() => existsSync(join(dir, "done")));
    await writeFile(join(dir, "a.txt"), "first");
    await until(() => existsSync(join(dir, "done", "a.txt")));
    await writeFile(join(dir, "a.txt"), "second");
    await until(() => existsSync(join(dir, "done", "a (2).txt")));
    expect(await readFile(join(dir, "done", "a.txt"), "utf8")).toBe("first");
    expect(await readFile(join(dir, "done", "a (2).txt"), "utf8")).toBe("second");
  });

  it("ignores temporary and hidden files (writers rename them into place)", async () => {
    const { dir, ingested } = await inbox();
    await until(() => existsSync(join(dir, "done")));
    await writeFile(join(dir, ".report.txt"), "hidden");
    await writeFile(join(dir, "report.txt.tmp"), "partial");
    await new Promise((r) => setTimeout(r, 150));
    expect(ingested).toEqual([]);
    expect((await readdir(dir)).sort()).toEqual([".report.txt", "done", "failed", "report.txt.tmp"]);
  });

  it("waits until a file being written has stopped changing", async () => {
    const { dir, ingested } = await inbox();
    await until(() => existsSync(join(dir, "done")));
    const path = join(dir, "growing.txt");
    let content = "";
    for (let i = 0; i < 8; i++) {
      content += `第${i}段；`;
      await writeFile(path, content);
      await new Promise((r) => setTimeout(r, 5));
    }
    await until(() => existsSync(join(dir, "done", "growing.txt")));
    expect(ingested).toEqual([{ name: "growing.txt", text: content }]);
  });

  it("stop() ends the polling", async () => {
    const { dir, stop, ingested } = await inbox();
    await until(() => existsSync(join(dir, "done")));
    await stop();
    await writeFile(join(dir, "late.txt"), "late");
    await new Promise((r) => setTimeout(r, 150));
    expect(ingested).toEqual([]);
    expect(existsSync(join(dir, "late.txt"))).toBe(true);
  });
});
