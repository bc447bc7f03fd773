// A file refused for what it is, not for a bug of ours: the message says in words what is wrong
// with it ("Word 文件解压后过大…", "网页的标签嵌套了 100000 层…"), and is shown to the uploader as it is.

export class RefusedFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RefusedFileError";
  }
}

/** A byte count as a person reads it: 512 B, 430 KB, 15.9 MB, 2.1 GB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v >= 100 || Number.isInteger(v) ? Math.round(v) : v.toFixed(1)} ${units[u]}`;
}
