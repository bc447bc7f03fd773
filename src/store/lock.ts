// One process owns the db file: two writers would each rewrite the whole JSON and lose the
// other's changes. The owner holds `<db>.lock`, which says its pid and what it is ("bot", "ingest",
// "chat"), so another process knows whether to hand files over or to wait.
//
// The lock is taken atomically: the owner's line is written to a temporary file first, which is
// then hard-linked to the lock's name (link fails when the name exists), so no process ever sees a
// half-written lock. A lock is stale only when it names a pid that is gone; an empty or unreadable
// lock is never stale (it may be one being written by a filesystem without hard links). A stale
// lock is removed under a second lock (`<db>.lock.break`), after reading it again, so two processes
// that both found it stale cannot remove each other's fresh lock.
import { closeSync, linkSync, openSync, readFileSync, unlinkSync, writeFileSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { ensureDir } from "./dirs.js";

/** What kind of process holds the db: the bot watches the inbox, the others do not. */
export type LockRole = "bot" | "ingest" | "chat" | "writer";

export interface LockHolder {
  pid: number;
  role: LockRole | "unknown";
}

export class LockedError extends Error {
  constructor(
    readonly path: string,
    readonly pid: number,
    readonly role: LockHolder["role"] = "unknown",
  ) {
    super(
      pid > 0
        ? `数据库正被另一个进程（pid ${pid}${ROLE_NAMES[role] ? `，${ROLE_NAMES[role]}` : ""}）使用：${path}`
        : `数据库的锁文件 ${path}.lock 存在但读不出持有者；如确认没有进程在使用数据库，请删除该文件`,
    );
    this.name = "LockedError";
  }
}

/** How the holder is named to a person. */
export const ROLE_NAMES: Record<LockHolder["role"], string> = {
  bot: "运行中的机器人",
  ingest: "另一个导入命令",
  chat: "本地对话",
  writer: "另一个写入进程",
  unknown: "",
};

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

const ROLES = new Set<string>(["bot", "ingest", "chat", "writer"]);

/**
 * The lock file's holder: "4242\nbot\n" → { pid: 4242, role: "bot" }; a bare pid (older versions)
 * → role "unknown"; null when there is no lock file; pid 0 when it cannot be read or is empty.
 */
export function readLock(lockPath: string): LockHolder | null {
  let raw: string;
  try {
    raw = readFileSync(lockPath, "utf8");
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ENOENT" ? null : { pid: 0, role: "unknown" };
  }
  const [first = "", second = ""] = raw.split("\n").map((s) => s.trim());
  const pid = /^\d+$/.test(first) ? Number(first) : 0;
  return { pid, role: ROLES.has(second) ? (second as LockRole) : "unknown" };
}

/** Sleep without returning to the event loop (the lock is taken synchronously). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Link `tmp` to `target`; false when `target` exists. Filesystems without hard links: exclusive create. */
function place(tmp: string, target: string, line: string): boolean {
  try {
    linkSync(tmp, target);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "ENOSYS" && code !== "EXDEV") throw err;
  }
  // No hard links here: create exclusively and write. A reader may see the file empty for a moment,
  // which is why an empty lock is never taken for stale.
  let fd: number;
  try {
    fd = openSync(target, "wx");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  }
  try {
    writeSync(fd, line);
  } finally {
    closeSync(fd);
  }
  return true;
}

const unlinkQuiet = (path: string) => {
  try {
    unlinkSync(path);
  } catch {
    /* already gone */
  }
};

/**
 * Remove a lock whose owner `deadPid` is gone, unless it changed meanwhile. Under `<lock>.break`,
 * so the read and the removal are one step for every process that found the lock stale.
 */
function breakStale(lockPath: string, deadPid: number, tmp: string, line: string): void {
  const breaker = `${lockPath}.break`;
  for (let i = 0; i < 200; i++) {
    if (place(tmp, breaker, line)) {
      try {
        const now = readLock(lockPath);
        if (now && now.pid === deadPid) unlinkSync(lockPath);
      } finally {
        unlinkQuiet(breaker);
      }
      return;
    }
    const other = readLock(breaker);
    // Its breaker died in the few instructions it holds it: nothing else can remove it.
    if (other && other.pid > 0 && !alive(other.pid)) unlinkQuiet(breaker);
    else pause(5);
  }
}

/** Locks this process holds (so a second acquire in the same process is refused). */
const held = new Set<string>();

/**
 * Take the db lock or throw LockedError (with the holder's pid and role). Creates the db's folder
 * if needed. Returns the release function (also run at exit).
 */
export function acquireLock(dbPath: string, role: LockRole = "writer"): () => void {
  const lockPath = `${dbPath}.lock`;
  try {
    ensureDir(dirname(lockPath));
  } catch (err) {
    throw Object.assign(err as Error, { path: lockPath }); // name the db, not the folder
  }
  const line = `${process.pid}\n${role}\n`;
  const tmp = `${lockPath}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(tmp, line);
  try {
    for (let attempt = 0; attempt < 20; attempt++) {
      if (place(tmp, lockPath, line)) {
        let released = false;
        held.add(lockPath);
        const release = () => {
          if (released) return;
          released = true;
          held.delete(lockPath);
          process.off("exit", release);
          if (readLock(lockPath)?.pid === process.pid) unlinkQuiet(lockPath);
        };
        process.on("exit", release);
        return release;
      }
      const holder = readLock(lockPath);
      if (holder === null) continue; // released between the two steps: try again
      // Our own pid: held by this process, or left by an earlier process that had the same pid
      // (a container restarted), which is stale.
      const ours = holder.pid === process.pid;
      if (holder.pid === 0 || (ours ? held.has(lockPath) : alive(holder.pid))) throw new LockedError(dbPath, holder.pid, holder.role);
      breakStale(lockPath, holder.pid, tmp, line); // its owner died (SIGKILL, crash)
    }
    throw new LockedError(dbPath, 0);
  } finally {
    unlinkQuiet(tmp);
  }
}

/** Who holds the lock, or null when it is free (or stale). An unreadable lock is held (pid 0). */
export function lockHolder(dbPath: string): LockHolder | null {
  const holder = readLock(`${dbPath}.lock`);
  if (!holder) return null;
  if (holder.pid === 0) return holder;
  return alive(holder.pid) && holder.pid !== process.pid ? holder : null;
}
