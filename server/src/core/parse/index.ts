/**
 * parse: binds a scanned draft to a national format. Finds the title and organisation, the years,
 * the 统计期限 and publication date, the six section headings and their ranges (parse/*.ts, one
 * module for each), and binds table cells to format rows by their label (parse/tables.ts).
 */
import { FORMATS, formatForYear } from '../formats';
import type { Report, YearRef } from '../report';
import { scan as scanText } from '../scan';
import { asciiDigits } from '../text';
import { findPeriod, findPublication } from './dates';
import { findSections } from './sections';
import { article20Rows, bindLabels, bindReview, detectFormat, labelDef, rowsOfFormat } from './tables';
import { YEAR_IN, findTitle, organisationKind } from './title';
import { findBodyYears, voteYear } from './years';

export function parse(text: string): Report {
  const s = scanText(text);
  const index = s.index;
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

  const bound = bindLabels(s);
  const formatVersion = detectFormat(bound.scores, bound.applications);
  const format = FORMATS[formatVersion ?? (reportYear ? formatForYear(reportYear) : '2021')];
  const appRows = rowsOfFormat(format, bound.applications);
  let applications: Report['applications'] = null;
  if (appRows.size > 0) {
    const spans = [...appRows.values()];
    applications = {
      rows: appRows,
      start: Math.min(...spans.map((r) => r.labelCell.start)),
      end: Math.max(...spans.map((r) => Math.max(r.labelCell.end, ...r.values.map((v) => v?.end ?? 0)))),
    };
  }
  const labels: Report['labels'] = [];
  for (const { cell, hit } of bound.labels) {
    const def = labelDef(format, hit);
    if (def) labels.push({ cell, def });
  }

  return {
    text,
    scan: s,
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
    formatVersion,
    formatEvidence: formatVersion ? (bound.evidence[formatVersion] ?? bound.applications.get('r6')?.labelCell ?? null) : null,
    format,
    applications,
    review: bindReview(s, bound.reviewHeader, bound.reviewHeaderIndex),
    article20: article20Rows(format, bound.article20),
    labels,
  };
}

