/**
 * Last year's reports for `nianbao check` (the cross-year rules): every report given is read once, and
 * paired with its previous year's among them (core/pair.ts), with the file `--previous` names, or with the
 * one `.nianbaorc.json`'s `previous` maps it to (paths relative to the config file; a file outside the set
 * is read for it, once).
 */
import * as path from 'node:path';
import { readReport, type AnalyzeOptions } from '../core/check';
import { compute } from '../core/compute';
import { findPrevious, PreviousIndex, type Pairable } from '../core/pair';
import type { Report } from '../core/report';
import type { OtherReport } from '../core/rules/rule';
import { locate, type Published } from '../node/readers';
import { readInput } from '../node/readers/input';
import type { Locate } from './output';

/** What pairing reads of a report: its title's organisation and its year (core/parse.ts readHead: not its tables). */
export type Head = Pairable['report'];

/** A report of the set as read before it is checked. */
export interface Current {
  file: string;
  report: Head;
}

/**
 * A report of the set, or one read as last year's of one: its text and head; its whole report and
 * totals are read when it is checked or is someone's last year, and dropped after the last of these
 * (`uses`), so that 10,000 drafts' reports are not all held at once.
 */
class Read {
  private full?: Report;
  private other?: OtherReport;
  /** How many more times the whole report is asked for (its own check, the reports it is last year's of). */
  uses = 0;

  constructor(
    readonly file: string,
    private text: string | undefined,
    readonly report: Head,
    private readonly options: AnalyzeOptions,
    full?: Report,
  ) {
    this.full = full;
  }

  /** Whether it can still be read (its text is dropped after its last use). */
  get alive(): boolean {
    return this.text !== undefined;
  }

  /** The whole report; kept while it will be asked for again. */
  whole(): Report {
    if (this.full) return this.full;
    if (this.text === undefined) throw new Error(`${this.file}: read after its last use`);
    this.full = readReport(this.text, this.options);
    return this.full;
  }

  /** Whether the whole report has been read and is still held. */
  get held(): boolean {
    return this.full !== undefined;
  }

  get asOther(): OtherReport {
    const report = this.whole();
    this.other ??= { file: this.file, text: report.text, report, computed: compute(report) };
    return this.other;
  }

  /** One use done: the report is dropped after the last. */
  release(): void {
    if (--this.uses > 0) return;
    this.full = undefined;
    this.other = undefined;
    this.text = undefined;
  }
}

export class Pairs {
  /** The reports that may be last year's of another: the files given that are reports (not those read for --previous or a mapping). */
  private readonly candidates = new PreviousIndex<Read>();
  private readonly byPath = new Map<string, Read>();
  /** Where a place of a published report is, by its name (related places in last year's .html). */
  private readonly published = new Map<string, Published>();
  /** Last year's report of each report of the set that names none, found once all are read (plan). */
  private readonly planned = new Map<string, Read>();

  private register(file: string, text: string, head: Head, options: AnalyzeOptions, published?: Published, full?: Report): Read {
    const read = new Read(file, text, head, options, full);
    this.byPath.set(path.resolve(file), read);
    if (published) this.published.set(file, published);
    return read;
  }

  /**
   * A report of the files given, to be checked: it may be last year's of another of them (`candidate`).
   * `full`: its whole report when it has been read already.
   */
  add(file: string, text: string, head: Head, options: AnalyzeOptions, candidate: boolean, published?: Published, full?: Report): void {
    const read = this.register(file, text, head, options, published, full);
    read.uses = 1;
    if (candidate) this.candidates.add(read);
  }

  /** Pairs every report of the set that names no last year's report with its own among the set (once all are read). */
  plan(currents: Iterable<Current>): void {
    for (const current of currents) {
      const previous = this.candidates.find(current);
      if (!previous) continue;
      this.planned.set(current.file, previous);
      previous.uses++;
    }
  }

  /** The whole report of a report of the set, to check it: read once when it is also someone's last year, else left to analyze. */
  reportOf(file: string): Report | undefined {
    const read = this.byPath.get(path.resolve(file));
    if (!read) return undefined;
    const report = read.held || read.uses > 1 ? read.whole() : undefined;
    read.release();
    return report;
  }

  /** Reads a file named as last year's report (once); a reason when it cannot be read. */
  async reference(file: string, options: AnalyzeOptions): Promise<Read | string> {
    const hit = this.byPath.get(path.resolve(file));
    // a report of the set that is still held; one checked and dropped is read again
    if (hit?.alive) return hit;
    const input = await readInput(file);
    if (input.kind === 'error') return input.reason;
    if (input.kind === 'not-report') return '不像年度报告 (not a report)';
    // last year's of the report that names it only: not a candidate of the others
    const full = readReport(input.text, options);
    return this.register(file, input.text, full, options, input.kind === 'text' ? undefined : input.published, full);
  }

  /**
   * Last year's report of a report of the set: the one named (--previous, the config's mapping), else
   * the report of the same body and the year before among the set (plan). `done` is to be called once
   * the report's check is over (last year's whole report is dropped after its last use).
   */
  async previousOf(current: Current, named: string | undefined, options: AnalyzeOptions): Promise<{ previous?: OtherReport; done: () => void } | string> {
    if (named === undefined) {
      const read = this.planned.get(current.file);
      return read ? { previous: read.asOther, done: () => read.release() } : { done: () => {} };
    }
    const other = await this.reference(named, options);
    if (typeof other === 'string') return `${named}: ${other}`;
    return { previous: findPrevious(current, [other], { [current.file]: other.file })?.asOther, done: () => {} };
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
