// The domain of nianbao: what a parsed report is, what a question is, what an answer is.
// Plain serialisable data only (records go straight into lowdb JSON and test fixtures).
// Imports nothing from src/.

/** The statistical template a report follows. */
export const TEMPLATES = ["stat2008", "stat2016", "gbf2019", "gbf2021", "narrative"] as const;
/**
 * - `stat2008`: an older provincial 统计表 (指标名称 | 计量单位 | 2012年度 | 历年累计; 受理依申请公开信息总数 …).
 * - `stat2016`: the pre-2019 national 统计表 (统计指标 | 单位 | 统计数), one or several value columns.
 * - `gbf2019`: 国办公开办函〔2019〕60号 (第二十条 tables with 上一年项目数量 …, （六）其他处理 one row).
 * - `gbf2021`: 国办公开办函〔2021〕30号 (本年制发件数 …, （六）其他处理 split in three).
 * - `narrative`: no statistical table was found; figures come from the prose only.
 */
export type Template = (typeof TEMPLATES)[number];

export const LEVELS = ["province", "city", "county", "township", "department", "unknown"] as const;
/** Administrative level of the issuing body. `county` covers 县, 区 and county-level 市. */
export type Level = (typeof LEVELS)[number];

/** Where a figure was read from. */
export type FigureSource = "table" | "narrative" | "derived";

/** The text a figure (or warning) was read from: 1-based line numbers and the original text. */
export interface Evidence {
  /** First source line, 1-based, in the report as stored. */
  line: number;
  /** Last source line (same as `line` for a one-line source). */
  endLine: number;
  /** The source text as written in the report (cells joined with " | "), at most ~200 chars. */
  text: string;
  /** Offsets in the original text: [start, end). `line`/`endLine` are derived from them. */
  start?: number;
  end?: number;
}

/** One figure of a report: a metric's value, possibly for one column (slice) of a table. */
export interface Figure {
  /** Canonical metric id from the registry (src/parse/metrics.ts), e.g. "review.total". */
  metric: string;
  /**
   * Column slice: an applicant type ("natural_person", …) or a named value column of a multi-column
   * table ("市直单位"). Absent for the report's own total.
   */
  slice?: string;
  /** The value; `null` when the cell is present but blank (blank is not 0). */
  value: number | null;
  /** Unit as printed or as the template defines it (件, 条, 万元, 元, 人次 …; "" when none). */
  unit: string;
  source: FigureSource;
  evidence: Evidence;
  /**
   * False when the reading involved a guess (table orientation not confirmed by a 勾稽 identity,
   * a value written as "5500余" or "26.8万", a cell count that did not match the template).
   */
  certain: boolean;
  /** Why the figure is uncertain or how it was derived, in Chinese, for the reply. */
  note?: string;
  /** For `stat.*` rows not in the registry: the row label as printed. */
  label?: string;
}

export type WarningCode =
  | "TABLE_NARRATIVE_MISMATCH" // the prose states another figure than the table
  | "SUM_MISMATCH" // a breakdown or the columns do not add up to their total (勾稽关系)
  | "BALANCE_MISMATCH" // 新收 + 上年结转 ≠ 办理结果总计 + 结转下年度
  | "TABLE_SHAPE" // a table had more or fewer cells than the template
  | "NO_YEAR" // no statistics year could be found
  | "YEAR_CONFLICT" // the title and the 统计期限 name different years (the 统计期限 is taken)
  | "NO_ORG" // no issuing body could be found
  | "NO_TABLE" // no statistical table was found
  | "ORIENTATION_GUESSED" // a PDF table's reading order could not be confirmed
  | "INPUT"; // something about the input itself (binary bytes, truncated …)

/** A check that failed, kept on the record (never thrown). */
export interface ReportWarning {
  code: WarningCode;
  /** Metrics the warning is about, so answers about them can repeat it. */
  metrics: string[];
  /** The message in Chinese, as a reader should see it. */
  message: string;
  evidence?: Evidence[];
}

/** A titled part of the narrative, for full-text search. */
export interface Section {
  /** Heading as printed ("一、总体情况"), or "" for the text before the first heading. */
  title: string;
  /** 1-based line of the heading (or first line). */
  line: number;
  endLine: number;
  /** The text without hard line wraps (simplified Chinese); paragraphs separated by "\n". */
  text: string;
  /** 1-based source line where each paragraph of `text` starts. */
  paraLines: number[];
  /** Offsets in the original text: [start, end) from the heading to the next heading. */
  start?: number;
  end?: number;
}

/** The parsed record of one annual report. */
export interface Report {
  /** Content hash (sha256 of the normalised text, 16 hex chars): the same report is stored once. */
  id: string;
  /** Issuing body in full: 重庆市长寿区人民政府, 小板桥街道办事处, 蚌埠市人民政府. */
  org: string;
  /** Administrative region the report covers, short form: 长寿区, 小板桥街道, 蚌埠市. */
  region: string;
  /** Region with its stated parents: 重庆市长寿区, 南昌市西湖区. */
  fullRegion: string;
  /** Names a user may type for this region: 长寿区, 长寿, 重庆市长寿区 (+ the org name). */
  aliases: string[];
  level: Level;
  /** Parent city or province as stated in the text (重庆市, 南昌市), if any. */
  parent?: string;
  /** Province, where the text or the gazetteer says it. */
  province?: string;
  /**
   * Prefecture-level city the region lies in or is (福州市 for 平潭综合实验区, 淮安市 for 洪泽区, 蚌埠市 for
   * 蚌埠市; a municipality for its districts: 重庆市 for 长寿区), from the gazetteer. Absent above city level.
   */
  city?: string;
  /** County-level division the region lies in or is (官渡区 for 小板桥街道, 洪泽区 for 洪泽区). */
  county?: string;
  /** Statistics year (from the title or the 统计期限, not the publish date); null when unknown. */
  year: number | null;
  /** Signing or publish date, ISO yyyy-mm-dd, when printed. */
  published?: string;
  template: Template;
  /** Title line as printed. */
  title: string;
  figures: Figure[];
  sections: Section[];
  warnings: ReportWarning[];
  /** Where the text came from (file name as given, never used as a path). */
  sourceName: string;
  /** Length of the normalised text in characters. */
  chars: number;
  /** The original was written in Traditional characters (read converted; quotes can be given back so). */
  traditional?: boolean;
}

/**
 * What is kept of a report in memory and in the lowdb file: who and when, and the value a question
 * would get first for each registry metric (rankings over thousands of reports read no record).
 * The full record (figures with evidence, sections, passages) is read on demand.
 */
export interface ReportEntry extends Omit<Report, "figures" | "sections" | "warnings"> {
  figureCount: number;
  warningCount: number;
  /** Warnings that say the report contradicts itself (勾稽, table vs prose); absent in entries stored before it was kept. */
  conflictCount?: number;
  /** metric id → the value a value-question would answer first (table, then sum of parts, then prose). */
  key: Record<string, number>;
  /** Named value columns of a summary table (市政府, 市直单位 …). */
  columns: string[];
  /** Labels of rows outside the registry (开展宣传活动 …). */
  statLabels: string[];
}

// ---------------------------------------------------------------------------------------------
// Questions and answers

/** `total`: a sum over every report asked (一共, 合计); `conflicts`: reports whose figures do not add up. */
export type Intent = "value" | "breakdown" | "compare" | "trend" | "rank" | "list" | "search" | "total" | "conflicts";

/** A value the question stated or that was filled in by default (chrono's assign/imply). */
export interface Implied<T> {
  value: T;
  /** True when not stated by the user but filled in (e.g. the newest year). */
  implied: boolean;
}

/** What a question asks, as understood from its text. */
export interface Question {
  /** The question as typed. */
  text: string;
  /** Normalised (simplified, half-width, no noise) text used for matching. */
  normalized: string;
  /** Region names as typed (after normalisation), in the order mentioned. */
  regions: string[];
  /** Years asked for; empty = not stated. */
  years: number[];
  /** True when years came from a relative phrase (去年, 近三年) or a range. */
  yearsRelative: boolean;
  /** 去年/今年/前年/近三年: the word, read against the newest statistics year held (said in the reply). */
  relativeYears?: { word: string; newest: number };
  metric?: string;
  /** Column slice asked for (自然人 → natural_person, 市直单位 …). */
  slice?: string;
  intent: Intent;
  /** For rankings: how many to show and in which direction. */
  /** `within`: the bodies inside the one named (平潭各部门, 淮安市各区县), not the library. */
  rank?: { top: number; order: "desc" | "asc"; which?: boolean; within?: boolean };
  /** Words for full-text search (segmented, stop words removed). */
  keywords: string[];
}

/** One figure in an answer, with where it came from. */
/** An answer item made of two figures of one report, no figure of its own (answer.ts sumAsked, differenceAsked). */
export const COMBINED_METRICS = { sum: "sum", difference: "difference" } as const;

export interface AnswerItem {
  reportId: string;
  org: string;
  region: string;
  year: number | null;
  metric: string;
  label: string;
  slice?: string;
  value: number | null;
  unit: string;
  source: FigureSource;
  certain: boolean;
  note?: string;
  /** The source line(s), quoted. */
  evidence: string;
  line: number;
}

/** A full-text hit: a passage of a report. */
export interface Hit {
  reportId: string;
  org: string;
  region: string;
  year: number | null;
  section: string;
  /** The passage, with matched words marked 【like this】. */
  snippet: string;
  line: number;
  score: number;
}

export type AnswerKind = "value" | "breakdown" | "compare" | "trend" | "rank" | "list" | "search" | "none";

/** What a question asked, kept by a conversation so that a fragment (那2019年呢) completes it. */
export interface QueryContext {
  /** The bodies or areas asked about, as names that parse back (重庆市长寿区, 江苏省). */
  regions: string[];
  /** Years asked (empty: the newest held was used). */
  years: number[];
  /** The question without its bodies and years: what was asked of them (行政复议多少件). */
  topic: string;
  /** The registry metric understood, when one was. */
  metric?: string;
}

/** What the bot and the CLI say back. `text` is the reply as a person reads it (plain text). */
export interface Answer {
  question: string;
  kind: AnswerKind;
  answers: AnswerItem[];
  hits: Hit[];
  warnings: string[];
  text: string;
  /** Candidates when the question was ambiguous (西湖区: 南昌市西湖区 or 杭州市西湖区). */
  choices?: string[];
  /**
   * The words of the question a choice replaces (西湖区; 长受区 for "did you mean 长寿区"): the question
   * with them replaced by a choice is the question asked again.
   */
  choiceFor?: string;
  /** A fragment completed from the conversation's last question: the question answered (重庆市长寿区2019年行政复议多少件). */
  understoodAs?: string;
  /** What this question asked, for the conversation to keep (absent: keep what it had). */
  context?: QueryContext;
}
