/**
 * Last year's reports for `nianbao check` (the cross-year rules): every report given is read once, and
 * paired with its previous year's among them (core/pair.ts), with the file `--previous` names, or with the
 * one `.nianbaorc.json`'s `previous` maps it to (paths relative to the config file; a file outside the set
 * is read for it, once).
 */
import * as path from 'node:path';
import { readReport, type AnalyzeOptions } from '../core/check';
import { compute } from '../core/compute';
import { findPrevious, PreviousIndex } from '../core/pair';
import type { Report } from '../core/report';
import type { OtherReport } from '../core/rules/rule';
import { locate, type Published } from '../node/readers';
import { readInput } from '../node/readers/input';
import type { Locate } from './output';

/** A report of the set as read before it is checked. */
export interface Current {
  file: string;
  report: Report;
}

/** A report read for pairing; what the cross-year rules take of it (its computation) is made when it is someone's last year. */
class Read {
  private other?: OtherReport;
  constructor(
    readonly file: string,
    readonly text: string,
    readonly report: Report,
  ) {}

  get asOther(): OtherReport {
    this.other ??= { file: this.file, text: this.text, report: this.report, computed: compute(this.report) };
    return this.other;
  }
}

export class Pairs {
  /** The reports that may be last year's of another: the files given that are reports (not those read for --previous or a mapping). */
  private readonly candidates = new PreviousIndex<Read>();
  private readonly byPath = new Map<string, Read>();
  /** Where a place of a published report is, by its name (related places in last year's .html). */
  private readonly published = new Map<string, Published>();

  private register(file: string, text: string, report: Report, published?: Published): Read {
    const read = new Read(file, text, report);
    this.byPath.set(path.resolve(file), read);
    if (published) this.published.set(file, published);
    return read;
  }

  /** A report of the files given: it may be last year's of another of them. */
  add(file: string, text: string, report: Report, published?: Published): void {
    this.candidates.add(this.register(file, text, report, published));
  }

  /** Reads a file named as last year's report (once); a reason when it cannot be read. */
  async reference(file: string, options: AnalyzeOptions): Promise<Read | string> {
    const hit = this.byPath.get(path.resolve(file));
    if (hit) return hit;
    const input = await readInput(file);
    if (input.kind === 'error') return input.reason;
    if (input.kind === 'not-report') return '不像年度报告 (not a report)';
    // last year's of the report that names it only: not a candidate of the others
    return this.register(file, input.text, readReport(input.text, options), input.kind === 'text' ? undefined : input.published);
  }

  /**
   * Last year's report of a report of the set: the one named (--previous, the config's mapping), else
   * the report of the same body and the year before among the set (found in the index, not by a look at each).
   */
  async previousOf(current: Current, named: string | undefined, options: AnalyzeOptions): Promise<OtherReport | string | undefined> {
    if (named === undefined) return this.candidates.find(current)?.asOther;
    const other = await this.reference(named, options);
    if (typeof other === 'string') return `${named}: ${other}`;
    return findPrevious(current, [other], { [current.file]: other.file })?.asOther;
  }

  /** Where an offset of a report of the set is, when it is a published file (its own lines). */
  locateIn = (file: string): Locate | undefined => {
    const p = this.published.get(file);
    return p ? (offset) => locate(p, offset) : undefined;
  };
}

/** The file the config's `previous` maps a draft to (both relative to the config's folder), if any. */
export function mappedPrevious(mapping: Readonly<Record<string, string>>, dir: string | null, file: string): string | undefined {
  if (!dir) return undefined;
  const self = path.resolve(file);
  const hit = Object.entries(mapping).find(([from]) => path.resolve(dir, from) === self);
  return hit && path.relative(process.cwd(), path.resolve(dir, hit[1]));
}
