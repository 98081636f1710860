/**
 * parse: binds a scanned draft to a national format. Finds the title and organisation, the years,
 * the 统计期限 and publication date, the six section headings and their ranges (parse/*.ts, one
 * module for each), and binds table cells to format rows by their label (parse/tables.ts).
 */
import { FORMATS, formatForYear } from '../formats';
import type { Report, YearRef } from '../report';

import { asciiDigits } from '../text';
import { findPeriod, findPublication } from './dates';
import { findSections } from './sections';
import { defOf, readTables } from '../read';
import { LineIndex } from '../text';
import { YEAR_IN, findTitle, organisationKind } from './title';
import { findBodyYears, voteYear } from './years';

export function parse(text: string): Report {
  const index = new LineIndex(text);
  const sections = findSections(text, index);
  const firstSection = sections.length ? sections[0].start : text.length;
  const { title, organisation } = findTitle(text, index, firstSection);

  const years: YearRef[] = [];
  let titleYear: YearRef | undefined;
  if (title) {
    const t = asciiDigits(text.slice(title.start, title.end));
    const m = YEAR_IN.exec(t);
    if (m) years.push((titleYear = { year: +m[1], start: title.start + m.index, end: title.start + m.index + 4, source: 'title' }));
  }
  const period = findPeriod(text, index);
  if (period) {
    years.push({ year: period.from.year, start: period.from.start, end: period.from.end, source: 'period' });
    if (period.to.start !== period.from.start) years.push({ year: period.to.year, start: period.to.start, end: period.to.end, source: 'period' });
  }
  const publication = findPublication(text, index);
  years.push(...findBodyYears(text, index, title ? title.end : 0, period));
  const reportYear = voteYear(years, period, titleYear);

  const read = readTables(text, index, sections, (found) => FORMATS[found ?? (reportYear ? formatForYear(reportYear) : '2021')]);
  const { format } = read;
  let applications: Report['applications'] = null;
  if (read.applications.size > 0) {
    const rows = [...read.applications.values()];
    const start = Math.min(...rows.map((r) => r.labelCell.start));
    applications = {
      rows: read.applications,
      start,
      end: Math.max(...rows.map((r) => Math.max(r.labelCell.end, ...r.values.map((v) => v?.end ?? 0)))),
      headerStart: read.applicationsHeader ?? start,
    };
  }
  const article20 = read.article20.map((r) => ({ ...r, tableId: r.table.id, columns: r.table.columns }));
  const labels: Report['labels'] = [];
  for (const r of read.applications.values()) {
    const def = defOf(format, 'applications', r.id);
    if (def && r.pieces.length === 1) labels.push({ cell: r.labelCell, def });
  }
  for (const r of article20) {
    const def = r.table.rows.find((d) => d.id === r.id);
    if (def && r.pieces.length === 1) labels.push({ cell: r.labelCell, def });
  }
  labels.sort((a, b) => a.cell.start - b.cell.start);

  return {
    text,
    index,
    title,
    organisation,
    kind: organisationKind(organisation),
    years,
    reportYear,
    period,
    publication,
    sections,
    formatVersion: read.formatVersion,
    formatEvidence: read.formatEvidence,
    format,
    applications,
    review: read.review,
    article20,
    labels,
  };
}

