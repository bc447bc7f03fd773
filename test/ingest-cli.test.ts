// The command line as an admin uses it: two `cli ingest` started together into one db, the lock
// hammered by real processes (some dying while they hold it), and what the CLI says and returns
// (exit codes, "✓" only for what was stored, a missing path, a pipe closed early, a new folder).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { generateReport } from "../src/bench/generate.js";
import { runChat } from "../src/cli.js";
import { createLibrary } from "../src/library.js";
import { memoryAdapter, openDb } from "../src/store/db.js";
import { DIST, ROOT, SEED, SEEDS } from "./helpers/reports.js";
import { storedCatalog } from "./helpers/stored.js";

const CLI = DIST.cli;

function work(): string {
  return mkdtempSync(join(tmpdir(), "nianbao-cli-"));
}

/** A folder of `n` synthetic reports (distinct bodies and years) from `seed`. */
function corpus(dir: string, seed: number, n: number): string {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) {
    const r = generateReport(seed, i);
    writeFileSync(join(dir, r.name.replace(".txt", `-${seed}.txt`)), r.text);
  }
  return dir;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `cli <args>` as a child process; resolves when it exits (bounded by the test's time-out). */
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

const dbReports = (dbPath: string): { id: string }[] => storedCatalog(dbPath).reports;

describe("two `cli ingest` started together into one db", () => {
  it("both get their files in: the second waits for the first and says for whom", async () => {
    const dir = work();
    const a = corpus(join(dir, "a"), 1, 6);
    const b = corpus(join(dir, "b"), 2, 6);
    const db = join(dir, "db.json");
    const [ra, rb] = await Promise.all([cli(["ingest", a, "--db", db]), cli(["ingest", b, "--db", db])]);
    expect([ra.code, rb.code]).toEqual([0, 0]);
    const out = ra.stdout + rb.stdout;
    expect(out).toMatch(/导入 6 份.*库中共 6 份/);
    expect(out).toMatch(/导入 6 份.*库中共 12 份/);
    // one of them waited, naming the other: not "handed to the bot"
    expect(ra.stderr + rb.stderr).toMatch(/数据库正由进程 \d+（另一个导入命令）使用：等它结束后再导入/);
    expect(ra.stderr + rb.stderr).not.toContain("机器人");
    expect(existsSync(join(dir, "inbox"))).toBe(false);
    expect(dbReports(db)).toHaveLength(12);
  }, 120_000);
});

describe("the db lock under real processes", () => {
  it("is held by one process at a time, and a holder that dies leaves a lock the others take over", async () => {
    const dir = work();
    const counter = join(dir, "counter");
    const go = join(dir, "go");
    writeFileSync(counter, "0");
    const ROUNDS = 150;
    const children = [0, 0, 40, 90].map(
      (dieAt) =>
        new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) => {
          const child = spawn(
            process.execPath,
            ["--import", "tsx", join(ROOT, "test/fixtures/lock-child.ts"), join(dir, "db.json"), counter, go, String(ROUNDS)],
            {
              cwd: ROOT,
              env: { ...process.env, ...(dieAt ? { DIE_AT: String(dieAt) } : {}) },
              stdio: ["ignore", "pipe", "inherit"],
            },
          );
          let out = "";
          child.stdout.on("data", (d: Buffer) => (out += d.toString()));
          child.on("exit", (code, signal) => resolve({ code, signal, out }));
        }),
    );
    writeFileSync(go, "");
    const results = await Promise.all(children);
    expect(results.map((r) => r.signal)).toEqual([null, null, "SIGKILL", "SIGKILL"]);
    const survivors = results.filter((r) => r.code === 0).map((r) => JSON.parse(r.out) as { overlaps: number; waits: number });
    expect(survivors).toHaveLength(2);
    expect(survivors.map((s) => s.overlaps)).toEqual([0, 0]);
    // Every round of the survivors and every completed round of the two that died, none lost.
    expect(Number(readFileSync(counter, "utf8"))).toBe(2 * ROUNDS + 39 + 89);
  }, 120_000);
});

describe("what `cli ingest` says and returns", () => {
  it("exits non-zero for a path that does not exist or a file that fails; ✓ only for what was stored", async () => {
    const dir = work();
    const db = join(dir, "new", "deeper", "db.json"); // a folder that does not exist yet
    const bad = join(dir, "bad");
    mkdirSync(bad);
    writeFileSync(join(bad, "empty.txt"), "");
    const first = await cli(["ingest", join(SEEDS, SEED.changshou), "--db", db, "--verbose"]);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/^✓ .*000_2d63126c8570951a\.txt：重庆市长寿区人民政府 2018年/m);
    expect(storedCatalog(db).reports).toHaveLength(1); // the folders were made

    const again = await cli(["ingest", join(SEEDS, SEED.changshou), join(dir, "no-such-folder"), bad, "--db", db, "--verbose"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^✗ .*no-such-folder：路径不存在/m);
    expect(again.stderr).toMatch(/^✗ .*empty\.txt：文件为空/m);
    expect(again.stderr).toMatch(/^= .*000_2d63126c8570951a\.txt：已经导入过/m);
    expect(again.stderr).not.toMatch(/^✓/m);
    expect(again.stdout).toContain("导入 0 份");

    const nothing = await cli(["ingest", join(dir, "no-such-file.txt"), "--db", db]);
    expect(nothing.code).toBe(1);
    const onlyBad = await cli(["ingest", bad, "--db", db]);
    expect(onlyBad.code).toBe(1);
  }, 120_000);

  it("a folder of real reports with one that is no report: the rest are stored and the run succeeds (--strict fails it)", async () => {
    const dir = work();
    const folder = join(dir, "reports");
    mkdirSync(folder);
    writeFileSync(join(folder, "report.txt"), readFileSync(join(SEEDS, SEED.changshou)));
    writeFileSync(join(folder, "scan.txt"), "");
    // A report whose year is nowhere in it: the operator at the command line is the admin, so it
    // is stored, said to lack its year, and answerable; nobody is alerted to it.
    const noYear = readFileSync(join(SEEDS, SEED.changshou), "utf8")
      .replace(/(?:19|20)\d{2}\s*年/g, "本年")
      .replace(/(?:19|20)\d{2}/g, "");
    writeFileSync(join(folder, "no-year.txt"), noYear.replace(/长寿区/g, "璧山区"));
    const db = join(dir, "db.json");
    const run = await cli(["ingest", folder, "--db", db]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^✗ .*scan\.txt：文件为空/m);
    expect(run.stderr).toMatch(/^✓ .*no-year\.txt：.*缺少年份.*已收录/m);
    // Without --verbose a file stored as it is gets no line of its own: the count says it.
    expect(run.stderr).not.toMatch(/report\.txt/);
    expect(run.stdout).toContain("导入 2 份");
    expect(dbReports(db)).toHaveLength(2);
    const strict = await cli(["ingest", folder, "--db", join(dir, "db2.json"), "--strict"]);
    expect(strict.code).toBe(1);
    const held = await cli(["ingest", folder, "--db", join(dir, "db3.json"), "--hold"]);
    expect(held.stderr).toMatch(/^⏸ .*no-year\.txt/m);
    expect(dbReports(join(dir, "db3.json"))).toHaveLength(1);
  }, 120_000);

  it("stops quietly when its output is piped into a reader that stops early (head)", () => {
    const dir = work();
    const db = join(dir, "db.json");
    spawnSync(process.execPath, [CLI, "ingest", join(SEEDS, SEED.changshou), "--db", db], { cwd: ROOT, encoding: "utf8", timeout: 90_000 });
    const questions = Array.from({ length: 400 }, () => "长寿区2018年行政复议多少件").join("\n");
    writeFileSync(join(dir, "q.txt"), questions);
    const res = spawnSync("sh", ["-c", `node "${CLI}" ask --jsonl --db "${db}" < "${join(dir, "q.txt")}" 2> "${join(dir, "err.txt")}" | head -n 1`], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 90_000,
    });
    expect(res.stdout.split("\n").filter(Boolean)).toHaveLength(1);
    expect(JSON.parse(res.stdout).answers[0].value).toBe(15);
    expect(readFileSync(join(dir, "err.txt"), "utf8")).toBe("");
  }, 120_000);
});

describe("the local chat at a terminal", () => {
  it("an empty line is no reason to leave: the next question is answered", async () => {
    const db = await openDb(memoryAdapter());
    const lib = await createLibrary({ db });
    await lib.ingestPaths([join(SEEDS, SEED.changshou)]);
    const input = Object.assign(new PassThrough(), { isTTY: true });
    const output = new PassThrough();
    let said = "";
    output.on("data", (d: Buffer) => (said += d.toString()));
    const done = runChat(lib, { input, output });
    input.write("\n");
    input.write("长寿区2018年行政复议多少件\n");
    input.end();
    await done;
    expect(said).toContain("行政复议：15件");
  });
});
