import { FORMATS, formatForYear } from '../formats';
import type { Fix } from '../finding';
import { msg } from '../l10n';
import type { Report } from '../report';
import { upgradeEdits } from '../upgrade';
import { defineRule } from './rule';

/** The quick fix on 2019-format tables in a 2021-or-later report: upgrade them (core/upgrade.ts), naming what goes. */
function upgradeFix(report: Report): Fix | undefined {
  const u = upgradeEdits(report);
  if (!u) return undefined;
  const title = u.removed.length
    ? msg('Upgrade this table to the 2021 format (removes {removed})', { removed: u.removed.join('; ') })
    : msg('Upgrade this table to the 2021 format');
  return { kind: 'format', title, edits: u.edits };
}

const rule = defineRule({
  code: 'format-version',
  defaultSeverity: 'warning',
  description: { zh: '表格格式与报告年度不符（2019年格式用于2019、2020年度，2021年格式用于2021年度起）', en: 'The tables follow the wrong national format for the report year' },
  check({ report }) {
    const found = report.formatVersion;
    const year = report.reportYear;
    const at = report.formatEvidence;
    if (!found || year === null || !at) return [];
    const expected = formatForYear(year);
    if (report.format.sixthAsOneRow && expected === found) {
      // the 2021 format everywhere but in （六）其他处理, kept as one row
      const row = report.applications?.rows.get('r6');
      if (!row) return [];
      return [{ start: row.labelCell.textStart, end: row.labelCell.textEnd, message: msg('“{row}” is one row, as in the 2019 format ({source2019}); the {version} format splits it into three rows (1. 2. 3.). It is read as one row.', { row: row.labelCell.text, source2019: FORMATS['2019'].source, version: found }) }];
    }
    if (expected === found) return [];
    return [
      {
        start: at.textStart,
        end: at.textEnd,
        message: msg('The tables follow the {found} format ({foundSource}), but a report for {year} uses the {expected} format ({expectedSource}).', {
          found,
          foundSource: FORMATS[found].source,
          year,
          expected,
          expectedSource: FORMATS[expected].source,
        }),
        fix: found === '2019' ? upgradeFix(report) : undefined,
      },
    ];
  },
});
export default rule;
