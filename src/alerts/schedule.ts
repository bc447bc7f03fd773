// Time for alerts, in Asia/Shanghai (UTC+8 all year: China has kept no daylight saving since
// 1991, so a fixed offset is exact): digest times and the legal deadlines of annual reports.
import type { LevelFilter } from "./filter.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OFFSET = 8 * HOUR;

/** yyyy-mm-dd of an instant in Asia/Shanghai. */
export function shanghaiDay(t: number): string {
  return new Date(t + OFFSET).toISOString().slice(0, 10);
}

/** The instant a Shanghai wall-clock time is: shanghaiTime(2025, 3, 31, 0) = 2025-03-30T16:00Z. */
export function shanghaiTime(year: number, month: number, day: number, hour = 0): number {
  return Date.UTC(year, month - 1, day, hour) - OFFSET;
}

/**
 * When the digest holding something that arrived at `t` goes out: the next `hour` o'clock in
 * Shanghai (daily), or the next such time on `weekday` (0 = Sunday … 6; weekly).
 */
export function nextDigestAt(t: number, mode: "daily" | "weekly", hour: number, weekday = 1): number {
  const local = t + OFFSET;
  let at = Math.floor(local / DAY) * DAY + hour * HOUR;
  if (at <= local) at += DAY;
  if (mode === "weekly") while (new Date(at).getUTCDay() !== weekday) at += DAY;
  return at - OFFSET;
}

/**
 * The day by which the report for `year` must be public (政府信息公开条例): since the 2019
 * revision (reports for 2019 onwards), departments by 1月31日 and governments (and their
 * 街道乡镇) by 3月31日 of the next year; before it, 3月31日 for all.
 */
export function deadlineOf(year: number, level: LevelFilter): { month: number; day: number } {
  return level === "department" && year >= 2019 ? { month: 1, day: 31 } : { month: 3, day: 31 };
}

/** The instant the deadline has passed: the start of the day after it, in Shanghai. */
export function overdueFrom(year: number, level: LevelFilter): number {
  const d = deadlineOf(year, level);
  return shanghaiTime(year + 1, d.month, d.day) + DAY;
}
