/**
 * Deterministic drafts for the benchmarks, composed from the real seeds and the samples.
 *
 * - `variant`: a seed or sample with every integer table cell given a new value of the same size,
 *   then its totals recomputed by the core's own fix (a draft that mostly adds up, as real drafts
 *   do; the prose keeps its numbers, so some prose/table warnings remain, as in real drafts).
 * - `largeDraft`: one report of a given size: the title and preamble of one base, then the six
 *   sections in order, each filled with the content of that section taken from varied bases (long
 *   prose, many tables in all four layouts) until its share of the size is reached.
 *
 * Same seed number in, same text out.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fixText } from '../server/src/core/check';
import { compute } from '../server/src/core/compute';
import { applyEdits, writeNumber } from '../server/src/core/edits';
import type { Edit } from '../server/src/core/finding';
import { parse } from '../server/src/core/parse';
import { valueCells } from '../server/src/core/model';

export interface Base {
  name: string;
  text: string;
}

/** mulberry32: a small, well-known seeded generator. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const readText = (file: string) => readFileSync(file, 'utf8').replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');

/** The five real seeds, in file order. */
export function seeds(root: string): Base[] {
  const dir = join(root, 'samples/seeds');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ name: f, text: readText(join(dir, f)) }));
}

/** The seeds and the five samples (four layouts, both formats). */
export function bases(root: string): Base[] {
  const dir = join(root, 'samples');
  const samples = readdirSync(dir)
    .filter((f) => /\.(txt|md)$/.test(f))
    .sort()
    .map((f) => ({ name: f, text: readText(join(dir, f)) }));
  return [...seeds(root), ...samples];
}

/** A new value of about the same size: 0 stays mostly 0, others move within ±60%. */
function vary(n: number, random: () => number): number {
  if (n === 0) return random() < 0.8 ? 0 : Math.floor(random() * 4);
  return Math.max(0, Math.round(n * (0.4 + random() * 1.2)));
}

/**
 * The base with new numbers in its integer table cells, its totals made to add up again, and its
 * 四 (结转下年度) row set so that 一 + 二 = （七） + 四 holds where it can.
 */
export function variant(base: string, random: () => number): string {
  const edits: Edit[] = [];
  for (const c of valueCells(parse(base))) {
    const v = c.value;
    if (v.kind === 'number' && v.integer && !v.grouped && v.value >= 0) edits.push(writeNumber(base, c, vary(v.value, random))!);
  }
  const varied = fixText(applyEdits(base, edits).text).text;
  const report = parse(varied);
  const computed = compute(report);
  const rows = report.applications?.rows;
  const balance: Edit[] = [];
  report.format.applications.columns.slice(0, -1).forEach((col, i) => {
    const value = (row: string) => computed.value({ table: 'applications', row, col: col.id });
    const [fresh, carried, total] = [value('new'), value('carried'), value('total')];
    const [freshCell, nextCell] = [rows?.get('new')?.values[i], rows?.get('carry_next')?.values[i]];
    if (!freshCell || !nextCell || fresh === null || carried === null || total === null) return;
    // 四 takes up the difference; when the results exceed 一 + 二, 一 grows and 四 is 0
    const edits = fresh + carried >= total ? [writeNumber(varied, nextCell, fresh + carried - total)] : [writeNumber(varied, freshCell, total - carried), writeNumber(varied, nextCell, 0)];
    for (const e of edits) if (e) balance.push(e);
  });
  return fixText(applyEdits(varied, balance).text).text;
}

/** Years near `from` written as `N年` moved to the same place around `to`. */
function shiftYears(text: string, from: number, to: number): string {
  return text.replace(/(\d{4})(\s*年)/g, (m, y: string, rest: string) => (Math.abs(+y - from) <= 3 ? `${+y - from + to}${rest}` : m));
}

interface Parts {
  /** Title and preamble: everything before the first section heading. */
  head: string;
  /** Heading line and content of each of the six sections (by index), when the base has it. */
  sections: ({ heading: string; content: string } | undefined)[];
}

function parts(text: string, year: number): Parts {
  const report = parse(text);
  if (report.reportYear && report.reportYear !== year) return parts(shiftYears(text, report.reportYear, year), year);
  const sections: Parts['sections'] = new Array(6).fill(undefined);
  for (const s of report.sections) sections[s.index] ??= { heading: text.slice(s.start, s.contentStart), content: text.slice(s.contentStart, s.contentEnd) };
  return { head: text.slice(0, report.sections[0]?.start ?? 0), sections };
}

/** Share of the size each section takes: prose-heavy 一, tables in 二 and 三, shorter tail. */
const SHARES = [0.3, 0.3, 0.25, 0.05, 0.05, 0.05];

/**
 * One report of about `bytes` bytes (UTF-8), in the year and format of the first base. `pool`
 * variants of each base of that format are made once (their years moved to the report's), and
 * each section is filled with that section's content from randomly chosen variants.
 */
export function largeDraft(all: Base[], bytes: number, seed: number, pool = 8): string {
  const random = rng(seed);
  const lead = parse(all[0].text);
  const year = lead.reportYear ?? 2019;
  const sameFormat = all.filter((b) => parse(b.text).formatVersion === lead.formatVersion);
  const variants = sameFormat.flatMap((b) => Array.from({ length: pool }, () => parts(variant(b.text, random), year)));
  const first = variants[0];
  const out: string[] = [];
  let size = 0;
  const add = (s: string) => {
    out.push(s);
    size += Buffer.byteLength(s);
  };
  add(first.head);
  for (let k = 0; k < 6; k++) {
    const heading = first.sections[k]?.heading ?? variants.find((v) => v.sections[k])!.sections[k]!.heading;
    add(heading.trimEnd() + '\n');
    const budget = size + SHARES[k] * bytes;
    const withSection = variants.filter((v) => v.sections[k]);
    while (size < budget) {
      const v = withSection[Math.floor(random() * withSection.length)];
      add(v.sections[k]!.content.trim() + '\n\n');
    }
  }
  return out.join('');
}
