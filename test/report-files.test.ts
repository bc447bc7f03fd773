// What a reports folder may hold besides reports (issue 12): links to /dev/zero and out of the
// folder, FIFOs, link loops. Each is built in a temporary folder and refused with its reason.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createLibrary } from "../src/library.js";
import { listReportFiles, readReportFile } from "../src/report-files.js";
import { memoryAdapter, openDb } from "../src/store/db.js";
import { SEED, SEEDS } from "./helpers/reports.js";

const root = mkdtempSync(join(tmpdir(), "nianbao-files-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** data/reports with one report, a copy of it in a sub-folder, and every hostile entry of the issue. */
function hostileFolder(): { corpus: string; outside: string } {
  const base = mkdtempSync(join(root, "case-"));
  const corpus = join(base, "reports");
  const outside = join(base, "elsewhere");
  mkdirSync(join(corpus, "2018"), { recursive: true });
  mkdirSync(outside);
  copyFileSync(join(SEEDS, SEED.changshou), join(corpus, "2018", "changshou.txt"));
  copyFileSync(join(SEEDS, SEED.xiaobanqiao), join(outside, "xiaobanqiao.txt"));
  symlinkSync("/dev/zero", join(corpus, "zero.txt"));
  execFileSync("mkfifo", [join(corpus, "pipe.txt")]);
  symlinkSync(".", join(corpus, "loop"));
  symlinkSync("..", join(corpus, "2018", "up"));
  symlinkSync("self.txt", join(corpus, "self.txt"));
  symlinkSync(outside, join(corpus, "outside"));
  symlinkSync(join(corpus, "2018", "changshou.txt"), join(corpus, "same.txt"));
  writeFileSync(join(corpus, "notes.md"), "not a report");
  return { corpus, outside };
}

const reasons = (refused: { path: string; reason: string }[], corpus: string) =>
  Object.fromEntries(refused.map((r) => [r.path.slice(corpus.length + 1), r.reason]));

describe("listReportFiles", () => {
  it("lists each real report once and refuses the rest with a reason", () => {
    const { corpus, outside } = hostileFolder();
    const { files, refused } = listReportFiles([corpus]);
    expect(files).toEqual([join(corpus, "2018", "changshou.txt")]);
    expect(reasons(refused, corpus)).toEqual({
      "2018/up": "是指回上级目录的符号链接，会形成循环，未读取。",
      loop: "是指回上级目录的符号链接，会形成循环，未读取。",
      outside: `是指向数据目录之外（${outside}）的符号链接，未读取。`,
      "pipe.txt": "不是普通文件（命名管道（FIFO）），未读取。",
      "self.txt": "是循环的符号链接（指向自己，或几个链接互相指向），无法解析，未读取。",
      "zero.txt": "是指向数据目录之外（/dev/zero）的符号链接，未读取。",
    });
  });

  it("follows a link to a folder inside the one given", () => {
    const base = mkdtempSync(join(root, "inside-"));
    mkdirSync(join(base, "real"));
    copyFileSync(join(SEEDS, SEED.changshou), join(base, "real", "a.txt"));
    symlinkSync(join(base, "real"), join(base, "alias"));
    // "alias" sorts first: the file is listed once, through the link.
    expect(listReportFiles([base])).toEqual({ files: [join(base, "alias", "a.txt")], refused: [] });
  });

  it("refuses a FIFO given by name", () => {
    const { corpus } = hostileFolder();
    expect(listReportFiles([join(corpus, "pipe.txt")]).refused).toEqual([
      { path: join(corpus, "pipe.txt"), reason: "不是普通文件（命名管道（FIFO）），未读取。" },
    ]);
  });
});

describe("readReportFile", () => {
  it("refuses a FIFO without waiting for a writer, and /dev/zero without reading it", () => {
    const { corpus } = hostileFolder();
    expect(readReportFile(join(corpus, "pipe.txt"))).toEqual({ ok: false, error: "不是普通文件（命名管道（FIFO）），未读取。" });
    expect(readReportFile("/dev/zero")).toEqual({ ok: false, error: "不是普通文件（设备文件），未读取。" });
  });

  it("checks the size before reading", () => {
    const big = join(mkdtempSync(join(root, "big-")), "big.txt");
    writeFileSync(big, "");
    truncateSync(big, 60 * 1024 * 1024); // sparse: nothing is written
    expect(readReportFile(big)).toEqual({ ok: false, error: "文件过大（60 MB，上限 50 MB），未读取。" });
    expect(readReportFile(big, 100 * 1024 * 1024)).toMatchObject({ ok: true });
  });
});

describe("a library over such a folder", () => {
  it("reindexes the one report, read once, and lists every refusal", async () => {
    const { corpus } = hostileFolder();
    const lib = await createLibrary({ db: await openDb(memoryAdapter()), corpusDir: corpus });
    const { reports, failed } = await lib.reindex();
    expect(reports).toBe(1);
    expect(failed).toHaveLength(6);
    expect(failed).toContain("zero.txt：是指向数据目录之外（/dev/zero）的符号链接，未读取。");
    expect(failed).toContain("loop：是指回上级目录的符号链接，会形成循环，未读取。");
  });

  it("reports each refusal of an ingest as a failed file, and reads each file once", async () => {
    const { corpus } = hostileFolder();
    const lib = await createLibrary({ db: await openDb(memoryAdapter()) });
    const seen: string[] = [];
    const results = await lib.ingestPaths([corpus], (file, res) => seen.push(`${file.slice(corpus.length + 1)} ${res.ok ? "ok" : res.error}`));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(seen).toContain("pipe.txt 不是普通文件（命名管道（FIFO）），未读取。");
    expect(seen.filter((s) => s.endsWith("ok"))).toEqual(["2018/changshou.txt ok"]);
  });
});
