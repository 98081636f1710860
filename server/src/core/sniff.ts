/**
 * Whether a text is a report at all. The server gives plain-text and Markdown documents that are
 * not reports no diagnostics; the CLI skips them when it walks a folder (a README.md next to the
 * drafts is not a defective report).
 */
import type { Report } from './report';

/**
 * Whether a plain-text or Markdown document is a report (its title, its section headings or its
 * table): other documents get no diagnostics and no features.
 */
export function looksLikeReport(report: Report): boolean {
  return headLooksLikeReport(report) || !!(report.applications && report.applications.rows.size >= 3);
}

/** What the head of a report alone tells (its section headings, its title): a report, or not known without its table. */
export function headLooksLikeReport(head: Pick<Report, 'sections' | 'title'>): boolean {
  return head.sections.length >= 2 || (!!head.title && /政府信息(?:与政务)?公开/.test(head.title.text));
}

/** Larger plain texts are not taken for reports (a report is a few hundred KB at most). */
const MAX_SNIFF = 4 * 1024 * 1024;

/**
 * A cheap first look for plain-text and Markdown documents, before any parsing: a report has
 * section headings (`一、`) or says 政府信息. Logs, code and other large texts are skipped at once.
 */
export function mayBeReport(text: string): boolean {
  return text.length <= MAX_SNIFF && /政府信息|、/.test(text);
}
