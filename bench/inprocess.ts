/**
 * In-process figures on the same texts in the same run: nianbao's analyze (scan + parse + check),
 * a floor (split into lines, one simple regular expression per line), and markdownlint's
 * synchronous API with its default rules.
 */
import { lint } from 'markdownlint/sync';
import { analyze } from '../server/src/check';
import { HUGE, LARGE, SMALL, timeMedian, type Budget } from './measure';

export interface Text {
  name: string;
  text: string;
  /** UTF-8 size. */
  bytes: number;
}

export interface EngineTimes {
  name: string;
  bytes: number;
  nianbao: number;
  floor: number;
  markdownlint: number;
  findings: number;
}

const FLOOR_RE = /(\d+)\s*[件条起]/;

/** About the least a checker must do: look at every line once. */
export function floor(text: string): number {
  let hits = 0;
  for (const line of text.split(/\r?\n/)) if (FLOOR_RE.test(line)) hits++;
  return hits;
}

export function markdownlint(text: string): number {
  return lint({ strings: { draft: text } }).draft.length;
}

function budgetFor(bytes: number): Budget {
  if (bytes < 50_000) return SMALL;
  return bytes < 5_000_000 ? LARGE : HUGE;
}

export function measureTexts(texts: Text[], log: (s: string) => void): EngineTimes[] {
  return texts.map((t) => {
    const budget = budgetFor(t.bytes);
    const n = timeMedian(() => analyze(t.text), budget);
    const f = timeMedian(() => floor(t.text), budget);
    const m = timeMedian(() => markdownlint(t.text), budget);
    log(`  ${t.name}: nianbao ${n.ms.toFixed(3)} ms (${n.runs} runs), floor ${f.ms.toFixed(3)} ms, markdownlint ${m.ms.toFixed(3)} ms (${m.runs} runs)`);
    return { name: t.name, bytes: t.bytes, nianbao: n.ms, floor: f.ms, markdownlint: m.ms, findings: analyze(t.text).findings.length };
  });
}
