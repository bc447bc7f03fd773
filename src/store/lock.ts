// One process owns the db file: two writers would each rewrite the whole JSON and lose the
// other's changes. The owner holds `<db>.lock` with its pid; a lock whose pid is gone is stale.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";

export class LockedError extends Error {
  constructor(readonly path: string, readonly pid: number) {
    super(`数据库正被另一个进程（pid ${pid}）使用：${path}`);
    this.name = "LockedError";
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Take the lock or throw LockedError. Returns a release function. */
export function acquireLock(dbPath: string): () => void {
  const path = `${dbPath}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(path, "utf8").trim() === String(process.pid)) unlinkSync(path);
        } catch {
          /* already gone */
        }
      };
      process.once("exit", release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      let pid = 0;
      try {
        pid = Number(readFileSync(path, "utf8").trim());
      } catch {
        /* vanished between open and read: retry */
      }
      if (pid && alive(pid) && pid !== process.pid) throw new LockedError(dbPath, pid);
      try {
        unlinkSync(path); // stale: its owner died (SIGKILL, crash)
      } catch {
        /* someone else removed it */
      }
    }
  }
  throw new LockedError(dbPath, 0);
}

/** The pid holding the lock, or null when free (or stale). */
export function lockHolder(dbPath: string): number | null {
  try {
    const pid = Number(readFileSync(`${dbPath}.lock`, "utf8").trim());
    return alive(pid) && pid !== process.pid ? pid : null;
  } catch {
    return null;
  }
}
