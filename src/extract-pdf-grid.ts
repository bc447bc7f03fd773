// A PDF page's tables put back together from the rules drawn around their cells. Read line by
// line, a table whose label column is narrow comes out with each label broken over two or three
// lines and the row's numbers on the middle one ("1.属于国家秘" / "0 0 0 0 0 0 0" / "密"), and a
// merged side cell's words ("三、本年度办理结果") scattered among the rows. The ruled grid says which
// words share a cell: each cell's words are joined, and each row of cells printed as one line,
// cells separated by " | " — the text a web page's table gives (extract-html.ts), which the
// parser reads. Pure: page items in, lines out (the pdf.js calls are in extract.ts).

/** A text item of the page, in PDF user space (y up). */
export interface PdfTextItem {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A ruled line of the page: thin filled rectangle, or a stroked path's segment, in user space. */
export interface PdfRule {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Thinner than this (points), a drawn rectangle is a rule; longer than RULE_MIN, it can bound a cell. */
const RULE_MAX_THICK = 2;
const RULE_MIN = 4;
/** Rules closer than this (points) are one. */
const SNAP = 1.5;
/** Rules this close (points) belong to one table: a double border's two lines are this far apart. */
const TOUCH = 3;
/** Items closer than this fraction of the font's height are one word (no space between them). */
const TOUCHING = 0.15;
/** Narrower or lower than this (points), the gap between two rules is a double border, not a cell. */
const MIN_CELL = 5;

interface Line {
  /** The fixed coordinate (y of a horizontal rule, x of a vertical one). */
  at: number;
  from: number;
  to: number;
}

interface Table {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  h: Line[];
  v: Line[];
}

/**
 * The page as lines of text, top to bottom: text outside tables by its baseline (items of one
 * baseline joined by a space, as before), and each ruled table as one line per row of cells.
 */
export function pageLines(items: readonly PdfTextItem[], rules: readonly PdfRule[]): string[] {
  const tables = findTables(rules);
  const inTable = new Map<PdfTextItem, Table>();
  for (const it of items) {
    const cx = it.x + it.width / 2;
    const cy = it.y + it.height / 2;
    const t = tables.find((t) => cx > t.x0 && cx < t.x1 && cy > t.y0 && cy < t.y1);
    if (t) inTable.set(it, t);
  }
  // Blocks positioned by their top y: plain lines, and each table's rows.
  const blocks: { y: number; lines: string[] }[] = baselineLines(items.filter((it) => !inTable.has(it))).map((l) => ({ y: l.y, lines: [l.text] }));
  for (const t of tables) {
    const own = items.filter((it) => inTable.get(it) === t);
    if (own.length === 0) continue;
    blocks.push({ y: t.y1, lines: tableLines(t, own) });
  }
  return blocks.sort((a, b) => b.y - a.y).flatMap((b) => b.lines);
}

/** Items grouped by their baseline (2 pt), top to bottom, each line's items left to right. */
function baselineLines(items: readonly PdfTextItem[]): { y: number; text: string }[] {
  const rows = new Map<number, PdfTextItem[]>();
  for (const it of items) {
    const y = Math.round(it.y / 2) * 2;
    rows.set(y, [...(rows.get(y) ?? []), it]);
  }
  return [...rows.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([y, list]) => ({ y, text: joinLine(list) }))
    .filter((l) => l.text);
}

/**
 * One line's items left to right. Items that touch are one word split by the writer (LibreOffice
 * splits "主动公开规范性文件数" at its kerning: "主动公开规" "范性" "文件数"; "1" "." "政府公报…"):
 * joined as printed. A gap wider than a fraction of the font's height is a space (cells apart).
 */
function joinLine(list: PdfTextItem[]): string {
  let out = "";
  let end = -Infinity;
  for (const it of list.sort((a, b) => a.x - b.x)) {
    const gap = it.x - end;
    if (out && gap > TOUCHING * Math.max(it.height, 1)) out += " ";
    out += it.str;
    end = Math.max(end, it.x + it.width);
  }
  return out.trim();
}

/** Horizontal and vertical rules grouped into tables: rules that touch, with two of each kind. */
function findTables(rules: readonly PdfRule[]): Table[] {
  const h: Line[] = [];
  const v: Line[] = [];
  for (const r of rules) {
    const w = Math.abs(r.x1 - r.x0);
    const hgt = Math.abs(r.y1 - r.y0);
    if (hgt <= RULE_MAX_THICK && w >= RULE_MIN) h.push({ at: (r.y0 + r.y1) / 2, from: Math.min(r.x0, r.x1), to: Math.max(r.x0, r.x1) });
    else if (w <= RULE_MAX_THICK && hgt >= RULE_MIN) v.push({ at: (r.x0 + r.x1) / 2, from: Math.min(r.y0, r.y1), to: Math.max(r.y0, r.y1) });
  }
  if (h.length < 2 || v.length < 2) return [];
  // Union-find over rules whose boxes touch (within TOUCH).
  const all = [...h.map((l) => ({ l, horiz: true })), ...v.map((l) => ({ l, horiz: false }))];
  const box = (e: { l: Line; horiz: boolean }) =>
    e.horiz ? { x0: e.l.from, x1: e.l.to, y0: e.l.at, y1: e.l.at } : { x0: e.l.at, x1: e.l.at, y0: e.l.from, y1: e.l.to };
  const parent = all.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const boxes = all.map(box);
  const order = boxes.map((_, i) => i).sort((a, b) => boxes[a]!.x0 - boxes[b]!.x0);
  for (let a = 0; a < order.length; a++) {
    const A = boxes[order[a]!]!;
    for (let b = a + 1; b < order.length; b++) {
      const B = boxes[order[b]!]!;
      if (B.x0 > A.x1 + TOUCH) break;
      if (B.y0 <= A.y1 + TOUCH && B.y1 >= A.y0 - TOUCH) parent[find(order[a]!)] = find(order[b]!);
    }
  }
  const groups = new Map<number, { l: Line; horiz: boolean }[]>();
  all.forEach((e, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), e]));
  const tables: Table[] = [];
  for (const g of groups.values()) {
    const hs = g.filter((e) => e.horiz).map((e) => e.l);
    const vs = g.filter((e) => !e.horiz).map((e) => e.l);
    if (hs.length < 2 || vs.length < 2) continue;
    const bs = g.map(box);
    tables.push({
      x0: Math.min(...bs.map((b) => b.x0)),
      x1: Math.max(...bs.map((b) => b.x1)),
      y0: Math.min(...bs.map((b) => b.y0)),
      y1: Math.max(...bs.map((b) => b.y1)),
      h: hs,
      v: vs,
    });
  }
  return tables;
}

/**
 * The table's rows of cells. A word's cell is bounded by the nearest rules around it that cross
 * its position: left and right, the vertical rules spanning its height; above and below, the
 * horizontal rules spanning its x. A merged cell has no rule inside it, so its words are one cell.
 * Each band between two horizontal rules is a row: its cells are the gaps between the vertical
 * rules crossing it, an empty one printed empty (a blank cell is a cell: "258 | 12 | | 1"); a
 * cell merged down from the row above (no rule over it) is printed only in its first row.
 */
function tableLines(t: Table, items: readonly PdfTextItem[]): string[] {
  const snap = (n: number) => Math.round(n / SNAP);
  const text = new Map<string, PdfTextItem[]>();
  for (const it of items) {
    const cx = it.x + it.width / 2;
    const cy = it.y + it.height / 2;
    const left =
      nearest(
        t.v.filter((l) => l.at <= cx && covers(l, cy)),
        (l) => cx - l.at,
      )?.at ?? t.x0;
    const right =
      nearest(
        t.v.filter((l) => l.at >= cx && covers(l, cy)),
        (l) => l.at - cx,
      )?.at ?? t.x1;
    const top =
      nearest(
        t.h.filter((l) => l.at >= cy && covers(l, cx)),
        (l) => l.at - cy,
      )?.at ?? t.y1;
    const key = `${snap(left)},${snap(right)},${snap(top)}`;
    text.set(key, [...(text.get(key) ?? []), it]);
  }
  // A table a page break cut has no rule above its first row on the next page (the rule was the
  // last page's): the table's own edges bound it.
  const h = [...t.h, { at: t.y1, from: t.x0, to: t.x1 }, { at: t.y0, from: t.x0, to: t.x1 }];
  const ys = distinct(h.map((l) => l.at)).sort((a, b) => b - a);
  const lines: string[] = [];
  const printed = new Set<string>();
  for (let i = 0; i + 1 < ys.length; i++) {
    const top = ys[i]!;
    if (top - ys[i + 1]! < MIN_CELL) continue;
    const mid = (top + ys[i + 1]!) / 2;
    const xs = distinct(t.v.filter((l) => covers(l, mid)).map((l) => l.at)).sort((a, b) => a - b);
    const cells: string[] = [];
    for (let j = 0; j + 1 < xs.length; j++) {
      if (xs[j + 1]! - xs[j]! < MIN_CELL) continue;
      const cx = (xs[j]! + xs[j + 1]!) / 2;
      if (!h.some((l) => Math.abs(l.at - top) <= SNAP && covers(l, cx))) continue; // merged down from above
      const key = `${snap(xs[j]!)},${snap(xs[j + 1]!)},${snap(top)}`;
      printed.add(key);
      const cell = cellText(text.get(key) ?? []);
      // (An empty cell before the row's first words is a merged cell's continuation: not printed.)
      if (cell || cells.length > 0) cells.push(cell);
    }
    // Closed with a rule, as extract-html prints a row: a blank last cell is still a cell.
    if (cells.length > 0) lines.push(`${cells.join(" | ")} |`);
  }
  // A box drawn around text, or a grid whose inner rules are not drawn: no cells to speak of.
  if (lines.every((l) => !l.slice(0, -2).includes(" | "))) return baselineLines(items).map((l) => l.text);
  // Words the grid did not place (a rule missing, a cell drawn apart): kept, line by line, after it.
  const rest = [...text.entries()].filter(([k]) => !printed.has(k)).flatMap(([, v]) => v);
  return [...lines, ...baselineLines(rest).map((l) => l.text)];
}

const covers = (l: Line, at: number) => l.from - SNAP <= at && l.to + SNAP >= at;

/** Coordinates closer than SNAP taken as one. */
function distinct(values: readonly number[]): number[] {
  const out: number[] = [];
  for (const v of [...values].sort((a, b) => a - b)) if (out.length === 0 || v - out[out.length - 1]! > SNAP) out.push(v);
  return out;
}

function nearest<T>(list: readonly T[], distance: (x: T) => number): T | undefined {
  let best: T | undefined;
  let bestD = Infinity;
  for (const x of list) {
    const d = distance(x);
    if (d < bestD) (best = x), (bestD = d);
  }
  return best;
}

/**
 * A cell's words in reading order: its lines top to bottom, each left to right. Lines wrapped in
 * the cell are joined without a space (Chinese wraps anywhere), but two numbers are kept apart.
 */
function cellText(parts: readonly PdfTextItem[]): string {
  const lines = new Map<number, PdfTextItem[]>();
  for (const p of parts) {
    const y = Math.round(p.y / 2) * 2;
    lines.set(y, [...(lines.get(y) ?? []), p]);
  }
  let out = "";
  for (const [, line] of [...lines.entries()].sort((a, b) => b[0] - a[0])) {
    const s = line
      .sort((a, b) => a.x - b.x)
      .map((p) => p.str)
      .join("")
      .trim();
    if (!s) continue;
    out += /[\dA-Za-z]$/.test(out) && /^[\dA-Za-z]/.test(s) ? ` ${s}` : s;
  }
  return out.replace(/\s+/g, " ").trim();
}
