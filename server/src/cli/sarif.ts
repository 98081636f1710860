/**
 * SARIF 2.1.0 output (`nianbao check --format sarif`) for code-scanning tools: the rules with their
 * descriptions (and their pages, `helpUri`, when `--help-uri-base` gives where the pages are published),
 * every finding with its region (1-based lines, UTF-16 columns) and its fixes, over core/present.ts.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Analysis } from '../core/check';
import type { Severity } from '../core/finding';
import type { Language } from '../core/l10n';
import { present, rangeOf, type Presented, type Range } from '../core/present';
import { RULES, ruleDocPath } from '../core/rules';
import { LineIndex } from '../core/text';
import { describeWhere } from '../node/readers';
import type { Locate, LocateIn } from './output';

/** A checked file; a published one also has where its findings are, and for HTML the page's text. */
export interface SarifFile {
  file: string;
  analysis: Analysis;
  locate?: Locate;
  /** HTML: the page's text and the page offset of a draft offset, for regions and snippets in the page itself. */
  source?: string;
  toSource?: (offset: number) => number | undefined;
  /** Where a place in another report (last year's) is, when that report is a published file. */
  locateIn?: LocateIn;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function region(range: Range, offset: number, length: number) {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
    charOffset: offset,
    charLength: length,
  };
}

/** A path relative to the working folder, as a URI reference (Chinese names percent-encoded). */
function uriOf(file: string, cwd: string): string {
  const rel = path.relative(cwd, path.resolve(cwd, file)).split(path.sep).join('/');
  return rel.split('/').map(encodeURIComponent).join('/');
}

/**
 * A published file's location: an HTML page gets a region in the page with its snippet; Word, Excel
 * and PDF get a logical location (`表3 行5 列9`, `Sheet1!C7`, `第 4 页`) and a region without lines.
 */
function publishedLocation(p: Presented, uri: string, file: SarifFile) {
  const artifactLocation = { uri, uriBaseId: '%SRCROOT%' };
  const start = file.toSource?.(p.offset);
  if (file.source !== undefined && start !== undefined) {
    const end = Math.max(start, file.toSource!(p.offset + p.length) ?? start);
    const index = new LineIndex(file.source);
    return { physicalLocation: { artifactLocation, region: { ...region(rangeOf(index, start, end), start, end - start), snippet: { text: file.source.slice(start, end) } } } };
  }
  const where = file.locate!(p.offset);
  const name = where && where.kind !== 'doc' ? describeWhere(where) : undefined;
  return { physicalLocation: { artifactLocation }, ...(name ? { logicalLocations: [{ name, kind: 'element' }] } : {}) };
}

/**
 * The related places: in this file (a text draft's only), or in another report (last year's), a region of
 * its text or, for a published one, its logical location.
 */
function relatedLocations(p: Presented, artifactLocation: { uri: string; uriBaseId: string }, file: SarifFile, cwd: string) {
  type Related = {
    id: number;
    message: { text: string };
    physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region?: ReturnType<typeof region> };
    logicalLocations?: { name: string; kind: string }[];
  };
  return p.related.flatMap((r, id): Related[] => {
    if (r.file === undefined) return file.locate ? [] : [{ id, message: { text: r.message }, physicalLocation: { artifactLocation, region: region(r.range, r.offset, r.length) } }];
    const other = { uri: uriOf(r.file, cwd), uriBaseId: '%SRCROOT%' };
    const locate = file.locateIn?.(r.file);
    if (!locate) return [{ id, message: { text: r.message }, physicalLocation: { artifactLocation: other, region: region(r.range, r.offset, r.length) } }];
    const where = locate(r.offset);
    const name = where && where.kind !== 'doc' ? describeWhere(where) : undefined;
    return [{ id, message: { text: r.message }, physicalLocation: { artifactLocation: other }, ...(name ? { logicalLocations: [{ name, kind: 'element' }] } : {}) }];
  });
}

function result(p: Presented, uri: string, file: SarifFile, cwd: string) {
  const ruleIndex = RULES.findIndex((r) => r.code === p.code);
  const artifactLocation = { uri, uriBaseId: '%SRCROOT%' };
  const location = file.locate ? publishedLocation(p, uri, file) : { physicalLocation: { artifactLocation, region: region(p.range, p.offset, p.length) } };
  return {
    ruleId: p.code,
    ruleIndex,
    level: LEVEL[p.severity],
    message: { text: p.message },
    locations: [location],
    ...(p.related.some((r) => r.file !== undefined || !file.locate) ? { relatedLocations: relatedLocations(p, artifactLocation, file, cwd) } : {}),
    ...(p.fix && !file.locate
      ? {
          fixes: [
            {
              description: { text: p.fix.title },
              artifactChanges: [
                { artifactLocation, replacements: p.fix.edits.map((e) => ({ deletedRegion: region(e.range, e.offset, e.length), insertedContent: { text: e.newText } })) },
              ],
            },
          ],
        }
      : {}),
    ...(p.expected !== undefined || p.actual !== undefined ? { properties: { expected: p.expected, actual: p.actual, automaticFix: p.fixable } } : {}),
  };
}

export interface SarifOptions {
  /** Where the rule pages (docs/rules/) are published: each rule's helpUri is its page under it. */
  helpUriBase?: string;
  cwd?: string;
}

export function toSarif(files: SarifFile[], language: Language, version: string, options: SarifOptions = {}) {
  const cwd = options.cwd ?? process.cwd();
  const base = options.helpUriBase?.replace(/\/?$/, '/');
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'nianbao',
            version,
            informationUri: 'https://example.invalid/nianbao',
            rules: RULES.map((r) => ({
              id: r.code,
              name: r.code,
              shortDescription: { text: language === 'en' ? r.description.en : r.description.zh },
              fullDescription: { text: `${r.description.zh} (${r.description.en})` },
              ...(base ? { helpUri: new URL(path.posix.basename(ruleDocPath(r.code)), base).href } : {}),
              defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd).href.replace(/\/?$/, '/') } },
        artifacts: files.map(({ file }) => ({ location: { uri: uriOf(file, cwd), uriBaseId: '%SRCROOT%' } })),
        results: files.flatMap((sf) => sf.analysis.findings.map((f) => result(present(f, sf.analysis.report, language), uriOf(sf.file, cwd), sf, cwd))),
      },
    ],
  };
}
