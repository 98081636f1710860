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
import { present, type Presented, type Range } from '../core/present';
import { RULES, ruleDocPath } from '../core/rules';

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

function result(p: Presented, uri: string) {
  const ruleIndex = RULES.findIndex((r) => r.code === p.code);
  const artifactLocation = { uri, uriBaseId: '%SRCROOT%' };
  return {
    ruleId: p.code,
    ruleIndex,
    level: LEVEL[p.severity],
    message: { text: p.message },
    locations: [{ physicalLocation: { artifactLocation, region: region(p.range, p.offset, p.length) } }],
    ...(p.related.length
      ? { relatedLocations: p.related.map((r, id) => ({ id, message: { text: r.message }, physicalLocation: { artifactLocation, region: region(r.range, r.offset, r.length) } })) }
      : {}),
    ...(p.fix
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

export function toSarif(files: { file: string; analysis: Analysis }[], language: Language, version: string, options: SarifOptions = {}) {
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
        results: files.flatMap(({ file, analysis }) => analysis.findings.map((f) => result(present(f, analysis.report, language), uriOf(file, cwd)))),
      },
    ],
  };
}
