/**
 * The parts of a summary report (汇总) that its `.nianbaorc.json` names in `children`, read for
 * `nianbao check` (and `nianbao sum --into`): an entry with a folder or an extension is a path relative to
 * the config file's folder; one without is an organisation, looked for among the other files of the run
 * (core/aggregate.ts findChildren). The config applies to the reports it governs that it does not name.
 */
import * as path from 'node:path';
import { childrenFor, namesFile, otherReport } from '../core/aggregate';
import { analyze } from '../core/check';
import type { Others, OtherReport } from '../core/rules/rule';
import { reason, type LoadedConfig } from '../node/files';
import { readInput } from '../node/readers/input';
import { NOT_A_REPORT } from './published';

type Children = NonNullable<Others['children']>;

const NO_FILE = reason({ code: 'ENOENT' });

/** A path relative to the working folder when it is inside it, else as it is. */
function shownName(abs: string): string {
  const rel = path.relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
}

export class ChildReader {
  /** Each file read once: its report, or why it could not be read. */
  private cache = new Map<string, Promise<OtherReport | { reason: string }>>();

  /** `run`: the other files of the run, where entries naming an organisation are looked for. */
  constructor(private readonly run: readonly string[] = []) {}

  /** A report read from a file, named by its absolute path. */
  read(file: string): Promise<OtherReport | { reason: string }> {
    const abs = path.resolve(file);
    let hit = this.cache.get(abs);
    if (!hit) {
      hit = readInput(abs).then((input) => {
        if (input.kind === 'error') return { reason: input.reason };
        if (input.kind === 'not-report') return { reason: NOT_A_REPORT };
        return otherReport(abs, analyze(input.text).report);
      });
      this.cache.set(abs, hit);
    }
    return hit;
  }

  /**
   * The children of the report `file` under its config, or undefined when the config names none or
   * names this report itself (a part is no summary). `warn` hears of a named file that exists but cannot be read.
   */
  async childrenOf(file: string, loaded: LoadedConfig, warn: (s: string) => void): Promise<Children | undefined> {
    const entries = loaded.config.children;
    if (entries.length === 0 || !loaded.dir) return undefined;
    const dir = loaded.dir;
    const me = await this.read(file);
    if ('reason' in me) return undefined;
    const candidates: OtherReport[] = [];
    const problems: string[] = [];
    const add = async (f: string, quiet: boolean) => {
      const r = await this.read(f);
      if ('reason' in r) {
        // a file that is not there is aggregate-missing's to report
        if (!quiet && r.reason !== NO_FILE) problems.push(`${f}: ${r.reason}`);
      } else candidates.push(r);
    };
    for (const e of entries) if (namesFile(e)) await add(path.resolve(dir, e), false);
    if (entries.some((e) => !namesFile(e))) for (const f of this.run) if (path.resolve(f) !== me.file) await add(f, true);
    const found = childrenFor(me, entries, (e) => path.resolve(dir, e), candidates);
    // said only for a summary: a part the config governs is not checked against the files it names
    if (found) for (const p of problems) warn(p);
    // matched by absolute path; named in related places as check names files (relative to where it runs)
    return found && { reports: found.reports.map((r) => ({ ...r, file: shownName(r.file) })), missing: found.missing };
  }

}
