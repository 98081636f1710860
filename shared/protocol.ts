/**
 * The custom protocol between the VS Code client and the nianbao language server: the commands the
 * server executes, the summary request and notification, and the settings the client forwards.
 * Both sides import this module (as vscode-eslint's $shared/), so neither retypes the other's shapes.
 * Plain data only: it imports neither vscode nor vscode-languageserver.
 */

/** The code action kind of the automatic fixes (`editor.codeActionsOnSave`): `source.fixAll.nianbao`. */
export const FIX_ALL_KIND = 'source.fixAll.nianbao';

/** Commands the server executes (workspace/executeCommand). */
export const COMMANDS = { fixAllTotals: 'nianbao.server.fixAllTotals', ignoreFinding: 'nianbao.server.ignoreFinding' } as const;

/** The summary of a document: asked for (request) and pushed after each check (notification). */
export const SUMMARY_REQUEST = 'nianbao/summary';
export const SUMMARY_NOTIFICATION = 'nianbao/didCheck';

export type SeverityName = 'error' | 'warning' | 'information' | 'hint';

export interface Summary {
  uri: string;
  version: number;
  isReport: boolean;
  reportYear: number | null;
  formatVersion: '2019' | '2021' | null;
  counts: Record<SeverityName, number>;
  /** Wrong totals the automatic fix writes. */
  fixable: number;
  /** One line for a status bar. */
  status: string;
  /** A sentence for a message box. */
  detail: string;
}

export interface SummaryParams {
  uri: string;
}

/** The answer of the fixAllTotals command. */
export interface FixAllResult {
  applied: number;
  message: string;
}

/**
 * Rule pages (docs/rules/<code>.md): the server links each diagnostic's code and its hover to the page
 * as a file: URI beside its bundle, which any editor can open; the VS Code client turns those links
 * into this command, which opens the page shipped in the .vsix in the Markdown preview.
 */
export const SHOW_RULE_COMMAND = 'nianbao.showRule';

/** The rule a link to a rule page names (`…/docs/rules/total-mismatch.md` → total-mismatch), or null. */
export function ruleOfPage(href: string): string | null {
  const m = /\/docs\/rules\/([a-z-]+)\.md$/.exec(href);
  return m ? m[1] : null;
}

/** The command: URI that opens a rule's page. */
export function showRuleUri(code: string): string {
  return `command:${SHOW_RULE_COMMAND}?${encodeURIComponent(JSON.stringify([code]))}`;
}

/**
 * The `nianbao.*` settings the client forwards to the server (workspace/configuration); `trace` stays with the client.
 * A dotted key is forwarded nested (`workspace.maxFiles` as `{ workspace: { maxFiles } }`).
 */
export const FORWARDED_SETTINGS = ['rules', 'deadline', 'language', 'ignore', 'sizeLimit', 'year', 'children', 'previous', 'workspace.maxFiles', 'workspace.maxMegabytes', 'workspace.checkOnStart'] as const;
export type ForwardedSetting = (typeof FORWARDED_SETTINGS)[number];

/** What the client sends with `initialize` (initializationOptions). */
export interface InitializationOptions {
  /** Settings, for clients without workspace/configuration. */
  settings?: unknown;
  /** false in an untrusted workspace (VS Code's workspace trust): a `.nianbaorc.json` may not raise sizeLimit. */
  trusted?: boolean;
}

/** Sent by the client when the user trusts the workspace (the server lifts the untrusted limits). */
export const TRUST_NOTIFICATION = 'nianbao/didGrantTrust';

/**
 * Published files the editor cannot show as text (.docx, .xlsx, .pdf, .doc): the client asks the
 * server to read one (inside the workspace folders only) and shows the draft text read-only with
 * these diagnostics (ranges in the draft text; messages end with where the finding is in the file).
 */
export const PUBLISHED_REQUEST = 'nianbao/readPublished';

export interface PublishedParams {
  uri: string;
}

export interface PublishedResult {
  /** Why the file was not read; the other fields are then absent. */
  error?: string;
  kind?: string;
  text?: string;
  /** LSP diagnostics (the shape is LSP's; this module imports nothing). */
  diagnostics?: PublishedDiagnostic[];
}

/** An LSP Diagnostic as far as the client reads it. */
export interface PublishedDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string | { kind: string; value: string };
  severity?: 1 | 2 | 3 | 4;
  code?: string | number;
  source?: string;
}

/**
 * The whole workspace (nianbao.checkWorkspace): the server lists and checks the report files of the
 * workspace folders (within `nianbao.workspace.maxFiles` / `maxMegabytes`) and publishes the
 * diagnostics of those not open, keeping them current as files change on disk.
 */
export const WORKSPACE_REQUEST = 'nianbao/checkWorkspace';

export interface WorkspaceCheckResult {
  /** Report files found (open ones included; their own diagnostics win). */
  reports: number;
  /** Files read that are not reports (dropped by the sniff) or not UTF-8 text. */
  notReports: number;
  /** Files not read: past the limits, or larger than a report can be. */
  leftOut: number;
  /** Links leading outside their workspace folder, not followed. */
  linksNotFollowed: number;
  /** Findings in the files not open, by severity. */
  counts: Record<SeverityName, number>;
  /** A sentence for a message box (names the files left out and the limits). */
  message: string;
}

/**
 * Next year's draft of a report (`nianbao new`'s core, run in the server): the client sends the
 * document's URI and its text (a rendering of a published file has no file the server could read) and
 * opens the answer in a new editor.
 */
export const NEXT_YEAR_REQUEST = 'nianbao/nextYear';

export interface NextYearParams {
  uri: string;
  /** The text to start from; the server's copy of the open document when absent. */
  text?: string;
}

export interface NextYearResult {
  /** Why no draft was made; the other fields are then absent. */
  error?: string;
  text?: string;
  /** The new draft's report year. */
  year?: number;
  /** What the clerk should know (a date removed, the tables upgraded, what was removed with the 2019 format). */
  notes?: string[];
}

/**
 * The table view: the report's tables as the national grids, from the model the rules see. The client
 * asks for a document's grids (again after each `nianbao/didCheck` of it) and renders them.
 */
export const TABLES_REQUEST = 'nianbao/tables';

export interface TablesParams {
  uri: string;
}

/** An LSP range (this module imports nothing). */
export interface GridRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** A header or label cell of a grid, as printed in the format (merged cells span rows or columns). */
export interface GridLabel {
  text: string;
  rowSpan: number;
  colSpan: number;
}

export interface GridProblem {
  severity: SeverityName;
  code: string;
  message: string;
}

export interface GridCell {
  /** The column's id in the model (nianbao-report.schema.json). */
  column: string;
  /** Row and column as the hover names them (`（一）予以公开 · 自然人`). */
  name: string;
  /** What the draft shows: a number, blank, a dash or text; missing where the row has no cell for the column. */
  kind: 'number' | 'blank' | 'dash' | 'text' | 'missing';
  /** The cell's text as written ('' when blank). */
  text: string;
  /** Where the cell is in the document (absent when the text holds no character of it). */
  range?: GridRange;
  /** Where a number typed into the grid is written (a number's digits, a dash, the insertion point of a blank); absent when the text holds no character of the cell or words are in it. */
  editRange?: GridRange;
  /** A wrong total: the value it should be, and that said in words. */
  expected?: number;
  expectedText?: string;
  problems: GridProblem[];
}

export interface GridRow {
  /** The row's id in the model. */
  id: string;
  /** The label cells this row starts (the merged group labels start at their first row). */
  labels: GridLabel[];
  cells: GridCell[];
  /** read: its values are in their columns; unreadable: the reader could not place them; missing: the draft lacks the row. */
  state: 'read' | 'unreadable' | 'missing';
  /** The row's label in the document. */
  range?: GridRange;
  /** Findings about the whole row (unreadable-row, missing-row). */
  problems: GridProblem[];
}

export interface GridTable {
  /** The table's id in the model (applications, review, a20-1 …). */
  id: string;
  /** The heading of the section that holds it, and the table's title, as the format prints them. */
  section: string;
  title: string;
  /** How many label columns stand left of the values (0 for the 复议/诉讼 table). */
  labelColumns: number;
  /** The header rows, the corner cell first. */
  header: GridLabel[][];
  rows: GridRow[];
  /** The table in the document, from its header; absent when the draft has none of its rows. */
  range?: GridRange;
}

export interface TablesResult {
  uri: string;
  version: number;
  isReport: boolean;
  /** The status line of the summary (year, format, errors). */
  status: string;
  tables: GridTable[];
  /** Words the view shows, in the language of the messages. */
  words: { missingRow: string; unreadableRow: string; blank: string; notFound: string; edit: string };
}

/**
 * The Node flags the VS Code client starts the server with; the bench measures the server with them and without
 * (bench/RESULTS.md). A young generation of 2 MB a semi-space holds one check of a seed (about 0.9 MB allocated)
 * between the collections the server makes after each check (server/src/node/idle-gc.ts), so a keystroke's check
 * is rarely interrupted by one; Node's default (16 MB) keeps up to 30 MB more resident for no gain.
 */
export const SERVER_FLAGS = ['--max-semi-space-size=2'];
