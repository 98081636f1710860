/**
 * parse: binds a draft to a national format. Finds the title and organisation, the years,
 * the 统计期限 and publication date, the six section headings and their ranges (parse/*.ts, one
 * module for each); the tables' rows are read by their labels in read/ (readTables).
 */
import { FORMATS, formatForYear } from '../formats';
import { defOf, readTables } from '../read';
import type { Report, YearRef } from '../report';
import { LineIndex, asciiDigits } from '../text';
import { findPeriod, findPublication } from './dates';
import { findSections } from './sections';
import { YEAR_IN, findTitle, organisationKind } from './title';
import { findBodyYears, voteYear } from './years';

/** What a report's head says, read before its tables: the title and organisation, the years, the dates, the sections. */
export type Head = Pick<Report, 'index' | 'sections' | 'title' | 'organisation' | 'titleYear' | 'period' | 'publication' | 'yearStatements' | 'reportYear'>;

/** The head of a draft (what pairing across years reads), without reading its tables. */
export function parseHead(text: string, index = new LineIndex(text)): Head {
  const sections = findSections(text, index);
  const firstSection = sections.length ? sections[0].start : text.length;
  const { title, organisation } = findTitle(text, index, firstSection);

  let titleYear: YearRef | null = null;
  if (title) {
    const t = asciiDigits(text.slice(title.start, title.end));
    const m = YEAR_IN.exec(t);
    if (m) titleYear = { year: +m[1], start: title.start + m.index, end: title.start + m.index + 4, source: 'title' };
  }
  const period = findPeriod(text, index);
  const publication = findPublication(text, index);
  const yearStatements = findBodyYears(text, index, title ? title.end : 0, period);
  const reportYear = voteYear(titleYear, period, yearStatements);
  return { index, sections, title, organisation, titleYear, period, publication, yearStatements, reportYear };
}

export function parse(text: string): Report {
  const { index, sections, title, organisation, titleYear, period, publication, yearStatements, reportYear } = parseHead(text);
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
    titleYear,
    yearStatements,
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
    article20Headers: read.article20Headers,
    labels,
  };
}

