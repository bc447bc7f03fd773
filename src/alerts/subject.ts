// A report version as the filters see it (filter.ts `Subject`), and its version key: what makes
// two files one version (the .html and the .pdf of one report) and a revision another.
import { createHash } from "node:crypto";
import { governs, regionAsDivision, regionKey } from "../catalog.js";
import type { Report } from "../domain.js";
import { keyFigures } from "../qa/figures.js";
import { figureSignature, identityOf } from "../store/versions.js";
import type { LevelFilter, Subject } from "./filter.js";

export interface ReportSubject extends Subject {
  reportId: string;
  /** The body (regionKey: full region for a government, org for a department). */
  bodyKey: string;
  /**
   * `<identity>|<hash of the figures read for sure>`: the same for every file of one version of a
   * report, another for a revision. The dedupe key of alerts is (subscription, versionKey).
   */
  versionKey: string;
  org: string;
  fullRegion: string;
  year: number | null;
}

export function levelOf(r: Pick<Report, "level" | "org" | "region" | "fullRegion">): LevelFilter {
  if (r.level === "township") return "township";
  return governs(r) ? "government" : "department";
}

/** The version key of a report (see ReportSubject.versionKey). */
export function versionKeyOf(r: Report): string {
  const identity = identityOf(r);
  if (!identity) return r.id;
  const sig = figureSignature(r);
  const text = Object.keys(sig)
    .sort()
    .map((k) => `${k}=${sig[k]}`)
    .join(";");
  return `${identity}|${createHash("sha256").update(text).digest("hex").slice(0, 16)}`;
}

/** Build the subject of a full record (sections included, for the words). */
export function subjectOf(r: Report, segment: (text: string) => string[], held: () => ReadonlySet<string> = () => new Set()): ReportSubject {
  const text = [r.title, ...r.sections.map((s) => `${s.title}\n${s.text}`)].join("\n");
  const level = levelOf(r);
  // 沐阳县 as the report spells it is in 沭阳县 all the same.
  const read = regionAsDivision(r, held);
  const county = read && r.county === r.region ? read : r.county;
  return {
    reportId: r.id,
    bodyKey: regionKey(r),
    versionKey: versionKeyOf(r),
    org: r.org,
    fullRegion: r.fullRegion,
    year: r.year,
    ...(r.province ? { province: r.province } : {}),
    ...(r.city ? { city: r.city } : {}),
    ...(county ? { county } : {}),
    ...(r.level === "township" ? { township: r.region } : {}),
    bodyNames: new Set([r.region, r.fullRegion, r.org, ...r.aliases, ...(read ? [read] : [])].filter(Boolean)),
    level,
    values: keyFigures(r),
    warnings: new Set(r.warnings.map((w) => w.code)),
    tokens: new Set(segment(text)),
  };
}
