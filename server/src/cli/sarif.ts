/**
 * SARIF 2.1.0 output (`nianbao check --format sarif`) for code-scanning tools: the rules with their
 * descriptions, every finding with its region (1-based lines, UTF-16 columns) and its fixes.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Analysis } from '../core/check';
import type { Finding, Severity } from '../core/finding';
import { render, type Language } from '../core/l10n';
import { RULES } from '../core/rules';
import { LineIndex } from '../core/text';
import { describeWhere } from '../node/readers';
import type { Locate } from './output';

/** A checked file; a published one also has where its findings are, and for HTML the page's text. */
export interface SarifFile {
  file: string;
  analysis: Analysis;
  locate?: Locate;
  /** HTML: the page's text and the page offset of a draft offset, for regions and snippets in the page itself. */
  source?: string;
  toSource?: (offset: number) => number | undefined;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function region(index: LineIndex, start: number, end: number) {
  const s = index.position(start);
  const e = index.position(end);
  return { startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1, charOffset: start, charLength: end - start };
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
function publishedLocation(f: Finding, uri: string, file: SarifFile) {
  const artifactLocation = { uri, uriBaseId: '%SRCROOT%' };
  const start = file.toSource?.(f.start);
  if (file.source !== undefined && start !== undefined) {
    const end = Math.max(start, file.toSource!(f.end) ?? start);
    const index = new LineIndex(file.source);
    return { physicalLocation: { artifactLocation, region: { ...region(index, start, end), snippet: { text: file.source.slice(start, end) } } } };
  }
  const where = file.locate!(f.start);
  const name = where && where.kind !== 'doc' ? describeWhere(where) : undefined;
  return { physicalLocation: { artifactLocation }, ...(name ? { logicalLocations: [{ name, kind: 'element' }] } : {}) };
}

function result(f: Finding, uri: string, index: LineIndex, language: Language, file?: SarifFile) {
  const ruleIndex = RULES.findIndex((r) => r.code === f.code);
  const location = file?.locate ? publishedLocation(f, uri, file) : { physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region: region(index, f.start, f.end) } };
  return {
    ruleId: f.code,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: render(f.message, language) },
    locations: [location],
    ...(f.related?.length && !file?.locate
      ? { relatedLocations: f.related.map((r, id) => ({ id, message: { text: render(r.message, language) }, physicalLocation: { ...location.physicalLocation, region: region(index, r.start, r.end) } })) }
      : {}),
    ...(f.fix && !file?.locate
      ? {
          fixes: [
            {
              description: { text: render(f.fix.title, language) },
              artifactChanges: [
                {
                  artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
                  replacements: f.fix.edits.map((e) => ({ deletedRegion: region(index, e.start, e.end), insertedContent: { text: e.newText } })),
                },
              ],
            },
          ],
        }
      : {}),
    ...(f.expected !== undefined || f.actual !== undefined ? { properties: { expected: f.expected, actual: f.actual, automaticFix: f.fix?.kind === 'totals' } } : {}),
  };
}

export function toSarif(files: SarifFile[], language: Language, version: string, cwd = process.cwd()) {
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
              defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd).href.replace(/\/?$/, '/') } },
        artifacts: files.map(({ file }) => ({ location: { uri: uriOf(file, cwd), uriBaseId: '%SRCROOT%' } })),
        results: files.flatMap((sf) => sf.analysis.findings.map((f) => result(f, uriOf(sf.file, cwd), sf.analysis.report.index, language, sf))),
      },
    ],
  };
}
