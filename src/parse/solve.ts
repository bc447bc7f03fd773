// Solve: a table is read as a whole. Each slot (a row, or a PDF block of rows printed labels-first)
// has one or more candidate readings; the template's identities across rows and columns choose
// among them. One combination left → certain. Several → the prose (a number the text states too)
// and then the most even spread of digits break the tie, and the cells they disagree on are marked
// uncertain with the alternatives. None → the best-scoring one, and the checks say what fails.
import type { Reading } from "./cuts.js";
import { type Identity, type Instance, instancesOf, isSoft } from "./identities.js";

/** Candidate readings of one or more rows: alternative i gives rows[r] the reading alternatives[i][r]. */
export interface Slot {
  metrics: string[];
  alternatives: Reading[][];
}

/** How one cell was decided. */
export type CellStatus =
  | "printed" // as the layout gives it, no choice made
  | "identities" // one reading left once the identities were applied
  | "plausible" // one left only once what real tables obey was applied too (本年制发 ≤ 现行有效)
  | "checkable" // one left only once readings whose identities can be checked were preferred
  | "prose" // the identities left several; the prose states this one
  | "guess" // several left: the most even spread of digits, strictly better than the others
  | "unread"; // several left and nothing decides: not given

export interface SolvedRow {
  metric: string;
  reading: Reading;
  /** Per value: how it was decided, and the other values it could have been. */
  status: CellStatus[];
  others: (number | null)[][];
  /** The readings still possible for this row (1 when decided). */
  possible: number;
}

export interface SolveInput {
  slots: Slot[];
  /** Column slices in value order ("" = the row's own figure). */
  slices: readonly string[];
  identities: readonly Identity[];
  /** Numbers the report's prose states (as printed): a tie-breaker, never a rule. */
  proseNumbers: () => ReadonlySet<string>;
  /** The cell a row's c-th value is, as [metric, slice]. Defaults to [row metric, slices[c]]. */
  cellOf?: (metric: string, c: number) => [string, string];
}

const MAX_COMBOS = 4000;

/**
 * Choose one alternative per slot.
 *
 *   solveTable({ slots: [row 一 (1 reading), row 二 (3 readings)…], slices: APPLICANT slices, identities: 表三 })
 */
export function solveTable(input: SolveInput): SolvedRow[] {
  const { slots, slices, identities } = input;
  const cellOf = input.cellOf ?? ((m: string, c: number): [string, string] => [m, slices[c] ?? ""]);
  // Keep the combinations countable: trim the most ambiguous slots to their best alternatives.
  // Likeliest first (the readers' priors), so trimming keeps the best.
  const prior = (a: Reading[]) => a.reduce((sum, r) => sum + r.balance, 0);
  const alts = slots.map((s) => [...s.alternatives].sort((a, b) => prior(a) - prior(b)).slice(0, 60));
  const count = () => alts.reduce((p, a) => p * Math.max(1, a.length), 1);
  while (count() > MAX_COMBOS) {
    const widest = alts.reduce((w, a, i) => (a.length > alts[w]!.length ? i : w), 0);
    alts[widest] = alts[widest]!.slice(0, Math.max(1, Math.floor(alts[widest]!.length / 2)));
  }
  // A slot halved to keep the table countable is never certain: a reading cut away might have held.
  // (The first 60 by the prior are kept whole: a row of more cuts than that is decided among them.)
  const trimmed = alts.map((a, i) => a.length < Math.min(60, slots[i]!.alternatives.length));
  const ambiguous = alts.map((a, i) => (a.length > 1 ? i : -1)).filter((i) => i >= 0);

  // Nothing to choose (most tables): every slot as printed, the checks judge the identities.
  if (ambiguous.length === 0) {
    return slots.flatMap((s, i) => {
      const alt = alts[i]![0];
      if (!alt) return [];
      const status = (): CellStatus => (trimmed[i] ? "guess" : "printed");
      return s.metrics.flatMap((metric, r) =>
        alt[r] ? [{ metric, reading: alt[r]!, status: alt[r]!.values.map(status), others: alt[r]!.values.map(() => []), possible: trimmed[i] ? 2 : 1 }] : [],
      );
    });
  }
  const metricSet = new Set<string>();
  for (const s of slots) {
    s.metrics.forEach((m, r) => {
      const n = s.alternatives[0]?.[r]?.values.length ?? slices.length;
      for (let c = 0; c < n; c++) metricSet.add(cellOf(m, c)[0]);
    });
  }
  const metrics = [...metricSet];
  const choice = alts.map(() => 0);
  // Each alternative's cells by cell number, made once; a cell two slots give is the first slot's
  // (in slot order), as the table is read. A cell is looked up in the slots that may give it, under
  // their current choice: no table is filled, no key built, per combination.
  const cellIds = new Map<string, Map<string, number>>();
  let nextId = 0;
  const idOf = (m: string, s: string): number => {
    const bySlice = cellIds.get(m) ?? cellIds.set(m, new Map()).get(m)!;
    return bySlice.get(s) ?? bySlice.set(s, nextId++).get(s)!;
  };
  const cellsOf = alts.map((slotAlts, i) =>
    slotAlts.map((alt) => {
      const out = new Map<number, number | null>();
      slots[i]!.metrics.forEach((m, r) => {
        const reading = alt[r];
        if (!reading) return;
        reading.values.forEach((v, c) => {
          const id = idOf(...cellOf(m, c));
          if (!out.has(id)) out.set(id, v);
        });
      });
      return out;
    }),
  );
  const givers = new Map<number, number[]>();
  cellsOf.forEach((slotAlts, i) => {
    const ids = new Set(slotAlts.flatMap((m) => [...m.keys()]));
    for (const id of ids) (givers.get(id) ?? givers.set(id, []).get(id)!).push(i);
  });
  const get = (m: string, s: string) => {
    const id = cellIds.get(m)?.get(s);
    if (id === undefined) return undefined;
    for (const i of givers.get(id)!) {
      const cells = cellsOf[i]![choice[i]!];
      if (cells?.has(id)) return cells.get(id);
    }
    return undefined;
  };

  // The identities' instances, each scored once the last ambiguous slot it reads is chosen: the
  // count of failures is summed along the walk, so a combination re-scores only what it changes.
  // An instance no ambiguous slot gives a cell to is the same in every combination: not counted.
  const depthOf = new Map(ambiguous.map((i, k) => [i, k]));
  const atDepth: Instance[][] = ambiguous.map(() => []);
  for (const instance of instancesOf(identities, { slices, metrics })) {
    let depth = -1;
    for (const [m, s] of instance.reads) for (const i of givers.get(cellIds.get(m)?.get(s) ?? -1) ?? []) depth = Math.max(depth, depthOf.get(i) ?? -1);
    if (depth >= 0) atDepth[depth]!.push(instance);
  }

  // What an alternative adds to a combination's tie-breakers: the numbers the prose states too (of
  // four digits or more), and the readers' prior.
  let numbers: ReadonlySet<string> | undefined;
  // Counted when a combination holding the alternative is scored (the prose's numbers are read
  // only then, and only for numbers that large).
  const proseCounts = alts.map((slotAlts) => slotAlts.map((): number | undefined => undefined));
  const proseOf = (i: number, a: number): number => {
    let n = proseCounts[i]![a];
    if (n !== undefined) return n;
    n = 0;
    for (const r of alts[i]![a]!) for (const v of r.values) if (v !== null && Math.abs(v) >= 1000 && (numbers ??= input.proseNumbers()).has(String(v))) n++;
    proseCounts[i]![a] = n;
    return n;
  };
  interface Scored {
    choice: number[];
    hard: number;
    soft: number;
    /** Identities that could be checked and held. */
    holds: number;
    prose: number;
    balance: number;
  }
  const scored: Scored[] = [];
  const score = (hard: number, soft: number, holds: number) => {
    let prose = 0;
    let balance = 0;
    for (const i of ambiguous) {
      balance += prior(alts[i]![choice[i]!]!);
      prose += proseOf(i, choice[i]!);
    }
    scored.push({ choice: [...choice], hard, soft, holds, prose, balance });
  };
  // A combination breaking more rules than one already scored is never chosen, nor counted among
  // those the rules leave: its branch is left as soon as it does (failures only add up).
  let fewestHard = Number.POSITIVE_INFINITY;
  const walk = (k: number, hard: number, soft: number, holds: number) => {
    if (k === ambiguous.length) {
      fewestHard = Math.min(fewestHard, hard);
      return score(hard, soft, holds);
    }
    const i = ambiguous[k]!;
    for (let a = 0; a < alts[i]!.length; a++) {
      choice[i] = a;
      let h = hard;
      let s = soft;
      let held = holds;
      for (const instance of atDepth[k]!) {
        const o = instance.run(get, false);
        if (!o) continue;
        if (o.holds) held++;
        else if (isSoft(o)) s++;
        else h++;
      }
      if (h <= fewestHard) walk(k + 1, h, s, held);
    }
  };
  walk(0, 0, 0, 0);

  const minHard = Math.min(...scored.map((s) => s.hard));
  let pool = scored.filter((s) => s.hard === minHard);
  const hardPool = pool;
  const minSoft = Math.min(...pool.map((s) => s.soft));
  pool = pool.filter((s) => s.soft === minSoft);
  // Then the readings under which the identities can be checked, and hold: a 总计 column read as
  // 其他 beside blank cells breaks none (its 总计 left blank), and holds none either. What only this
  // decides is "checkable", not sure.
  const softPool = pool;
  const maxHolds = Math.max(...pool.map((s) => s.holds));
  pool = pool.filter((s) => s.holds === maxHolds);
  const maxProse = Math.max(...pool.map((s) => s.prose));
  const byProse = pool.filter((s) => s.prose === maxProse);
  const best = [...byProse].sort((a, b) => a.balance - b.balance)[0]!;

  // A slot's alternatives among the combinations of a pool, each with the lowest balance it has
  // there, in the order first met: the cells are judged per alternative, not per combination.
  const altsIn = (p: Scored[], i: number) => {
    const m = new Map<number, number>();
    for (const x of p) {
      const a = x.choice[i]!;
      const b = m.get(a);
      if (b === undefined || x.balance < b) m.set(a, x.balance);
    }
    return m;
  };
  const out: SolvedRow[] = [];
  slots.forEach((s, i) => {
    const alt = alts[i]![best.choice[i]!];
    if (!alt) return;
    const ambiguousSlot = alts[i]!.length > 1;
    const inPool = altsIn(pool, i);
    const inHardPool = altsIn(hardPool, i);
    const inSoftPool = altsIn(softPool, i);
    const inByProse = altsIn(byProse, i);
    s.metrics.forEach((metric, r) => {
      const reading = alt[r];
      if (!reading) return;
      const valuesIn = (m: Map<number, number>, c: number) => new Set([...m.keys()].map((a) => alts[i]![a]![r]?.values[c]));
      const possible = new Set([...inPool.keys()].map((a) => JSON.stringify(alts[i]![a]![r]?.values))).size;
      const status: CellStatus[] = [];
      const others: (number | null)[][] = [];
      reading.values.forEach((v, c) => {
        const values = [...valuesIn(inPool, c)].filter((x): x is number | null => x !== undefined);
        others.push(values.filter((x) => x !== v));
        if (!ambiguousSlot) return status.push(trimmed[i] ? "guess" : "printed");
        if (values.length === 1 && !trimmed[i])
          return status.push(valuesIn(inHardPool, c).size === 1 ? "identities" : valuesIn(inSoftPool, c).size === 1 ? "plausible" : "checkable");
        // The prose decides only what it narrowed: with a slot's readings cut to the likeliest
        // (too many combinations), the ones left may all agree on a cell only because the true
        // one was cut (行政许可 21199151 kept 21 | 1 | 99151 and 21199 | 1 | 51, not 211 | 99 | 151).
        if ((maxProse > 0 || !trimmed[i]) && valuesIn(inByProse, c).size === 1) return status.push("prose");
        // The even-spread prior may pick only when it is strictly better than every reading that
        // disagrees on this cell, and only among a few readings: otherwise the cell is not given.
        const strictly = [...inByProse].every(([a, balance]) => alts[i]![a]![r]?.values[c] === v || balance > best.balance);
        status.push(strictly && possible <= 12 ? "guess" : "unread");
      });
      out.push({ metric, reading, status, others, possible });
    });
  });
  return out;
}
