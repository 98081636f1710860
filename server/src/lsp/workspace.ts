/**
 * The workspace in the language server (issue 15, items 4 and 8): an index of the report files of
 * the workspace folders, for two features only: the command that fills the Problems panel for files
 * not open (nianbao/checkWorkspace, or `nianbao.workspace.checkOnStart`), and the cross-report checks
 * of a document (last year's report, a summary's parts), which look the other reports up here.
 *
 * What is read: files named like drafts (.txt, .md, .nianbao, .html, .htm) inside the workspace
 * folders only, regular files at most MAX_WORKSPACE_FILE bytes, never through a link whose target
 * leaves the folder (a link inside it is followed once), and no more than the settings
 * `nianbao.workspace.maxFiles` and `nianbao.workspace.maxMegabytes` allow (the rest are counted and
 * the command says how many). A file that does not look like a report (core/sniff.ts) is dropped
 * without a full check. Files are read again only when their modification time or size changed,
 * and are kept current through workspace/didChangeWatchedFiles.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { analyze, readReport, type Analysis, type AnalyzeOptions } from '../core/check';
import { compute } from '../core/compute';
import type { Config } from '../core/config';
import { CODES, type Severity } from '../core/finding';
import { msg, render, type Language, type Message } from '../core/l10n';
import { childrenFor, otherReport } from '../core/aggregate';
import { findPrevious } from '../core/pair';
import type { Report } from '../core/report';
import type { OtherReport, Others } from '../core/rules/rule';
import { looksLikeReport, mayBeReport } from '../core/sniff';
import { readDraft, SKIP_DIRS, TEMP_PREFIX } from '../node/files';
import type { Published } from '../node/readers';
import type { WorkspaceCheckResult } from '../../../shared/protocol';
import { toDiagnostic } from './convert';
import { htmlDiagnostics, htmlDraft, toHtmlRange } from './published';

/** The settings of the workspace features (`nianbao.workspace.*`). */
export interface WorkspaceSettings {
  /** Files read at most (of the names the server checks). */
  maxFiles: number;
  /** Megabytes read at most, over all files. */
  maxMegabytes: number;
  /** Check the whole workspace when the server starts. */
  checkOnStart: boolean;
}

export const WORKSPACE_DEFAULTS: WorkspaceSettings = { maxFiles: 1000, maxMegabytes: 50, checkOnStart: false };

/** Larger files are never taken for reports (the sniff's limit, core/sniff.ts): they are not read. */
export const MAX_WORKSPACE_FILE = 4 * 1024 * 1024;

/** The names of the files the server checks as documents. */
const CHECKED_NAME = /\.(txt|md|nianbao|html?)$/i;

/** The `workspace` object of the `nianbao` settings; a wrong value keeps its default and is reported. */
export function readWorkspaceSettings(raw: unknown): { settings: WorkspaceSettings; problems: string[] } {
  const settings = { ...WORKSPACE_DEFAULTS };
  const problems: string[] = [];
  const w = raw && typeof raw === 'object' ? (raw as Record<string, unknown>).workspace : undefined;
  if (w === undefined || w === null) return { settings, problems };
  if (typeof w !== 'object' || Array.isArray(w)) return { settings, problems: ['“workspace” 应为对象 (must be an object)'] };
  const o = w as Record<string, unknown>;
  for (const key of ['maxFiles', 'maxMegabytes'] as const) {
    const v = o[key];
    if (v === undefined || v === null) continue;
    if (Number.isSafeInteger(v) && (v as number) >= 1) settings[key] = v as number;
    else problems.push(`“workspace.${key}” 无效：${JSON.stringify(v)}（应为正整数） (invalid: a whole number, at least 1)`);
  }
  if (o.checkOnStart !== undefined && o.checkOnStart !== null) {
    if (typeof o.checkOnStart === 'boolean') settings.checkOnStart = o.checkOnStart;
    else problems.push(`“workspace.checkOnStart” 无效：${JSON.stringify(o.checkOnStart)}（应为 true 或 false） (invalid: true or false)`);
  }
  return { settings, problems };
}

/** The language a file is checked as, by its name. */
export function languageOfFile(file: string): string {
  const ext = path.extname(file).toLowerCase();
  return ext === '.nianbao' ? 'nianbao' : ext === '.md' ? 'markdown' : ext === '.html' || ext === '.htm' ? 'html' : 'plaintext';
}

/** A document's check: its analysis, whether it is a report, and for an HTML page the draft it was read into. */
export interface TextCheck {
  analysis: Analysis;
  isReport: boolean;
  html?: Published;
}

/**
 * Checks a document's text as the server does for every document: a page through the HTML reader,
 * a plain text or Markdown text only when the sniff lets it pass, a `nianbao` document always.
 * `othersFor` gives the other reports a report is compared with.
 */
export function checkText(text: string, languageId: string, options: AnalyzeOptions, othersFor?: (report: Report) => Others | undefined): TextCheck {
  const html = languageId === 'html' ? htmlDraft(text) : null;
  const candidate = languageId === 'html' ? !!html : languageId === 'nianbao' || mayBeReport(text);
  const draft = html ? html.text : text;
  const checked = candidate ? draft : '';
  // the report first, so that the rules run once, with the other reports it is compared with
  const report = readReport(checked, options);
  const isReport = (languageId === 'nianbao' && !html) || (candidate && looksLikeReport(report));
  const others = isReport ? othersFor?.(report) : undefined;
  return { analysis: analyze(checked, { ...options, report, others }), isReport, html: html ?? undefined };
}

/**
 * Whether a text is a report, by the sniff and its parse alone (no rule runs): its draft for an HTML
 * page, and its report.
 */
function sniff(text: string, languageId: string): { report: Report; html: Published | null } | null {
  const html = languageId === 'html' ? htmlDraft(text) : null;
  if (languageId === 'html' ? !html : languageId !== 'nianbao' && !mayBeReport(text)) return null;
  const report = readReport(html ? html.text : text);
  return languageId === 'nianbao' || looksLikeReport(report) ? { report, html } : null;
}

/** The diagnostics of a check (none for a document that is not a report). */
export function diagnosticsOf(c: TextCheck, doc: TextDocument, language: Language, uri: string): Diagnostic[] {
  if (!c.isReport) return [];
  if (c.html) return htmlDiagnostics(c.html, c.analysis, doc, language, uri);
  return c.analysis.findings.map((f) => toDiagnostic(f, c.analysis.report, language, uri));
}

const inside = (p: string, root: string) => {
  const rel = path.relative(root, p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
};

/** A file of the workspace as listed: where it is, where its links lead, and its stat. */
interface Listed {
  file: string;
  real: string;
  size: number;
  stamp: string;
  dev: number;
  ino: number;
}

/** Why files were not read. */
interface LeftOut {
  /** Past nianbao.workspace.maxFiles or maxMegabytes. */
  limits: number;
  /** Larger than MAX_WORKSPACE_FILE. */
  large: number;
  /** Links that lead outside their workspace folder. */
  links: number;
}

const stampOf = (st: fs.Stats) => `${st.mtimeMs}:${st.size}`;

/**
 * Where a path of a workspace folder really is: its target when that is a regular file inside the
 * folder (links resolved), 'outside' when a link leads out of it, or null (not a file, gone).
 */
async function resolveInside(file: string, root: string): Promise<{ real: string; st: fs.Stats } | 'outside' | null> {
  try {
    const real = await fs.promises.realpath(file);
    if (!inside(real, root)) return 'outside';
    const st = await fs.promises.stat(real);
    return st.isFile() ? { real, st } : null;
  } catch {
    return null;
  }
}

/** The files the server checks under a workspace folder, sorted by path; folders entered once, links leaving it counted and not followed. */
async function listFolder(folder: string, out: Listed[], left: LeftOut): Promise<void> {
  let root: string;
  try {
    root = await fs.promises.realpath(folder);
  } catch {
    return;
  }
  const entered = new Set<string>([root]);
  const walk = async (dir: string): Promise<void> => {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith(TEMP_PREFIX)) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory() || e.isSymbolicLink()) {
        if (SKIP_DIRS.has(e.name)) continue;
        let real: string;
        let st: fs.Stats;
        try {
          // (through the name inside the folder: nothing outside it is named, let alone opened)
          [real, st] = await Promise.all([fs.promises.realpath(p), fs.promises.stat(p)]);
        } catch {
          continue;
        }
        if (real !== root && !inside(real, root)) {
          if (st.isDirectory() || CHECKED_NAME.test(e.name)) left.links++;
          continue;
        }
        if (st.isDirectory()) {
          if (!entered.has(real)) {
            entered.add(real);
            await walk(p);
          }
          continue;
        }
      }
      if (!CHECKED_NAME.test(e.name) || !(e.isFile() || e.isSymbolicLink())) continue;
      const r = await resolveInside(p, root);
      if (r && r !== 'outside') out.push({ file: p, real: r.real, size: r.st.size, stamp: stampOf(r.st), dev: r.st.dev, ino: r.st.ino });
    }
  };
  await walk(folder);
}

/** A report file of the index (files that are not reports keep only their stamp). */
interface Entry {
  listed: Listed;
  uri: string;
  languageId: string;
  /** Its text and its report (as read, before any rule), for reports only. */
  text?: string;
  report?: Report;
  /** An HTML page: the draft its report was read into. */
  html?: Published;
  /** As another report for the cross-report checks (text drafts only). */
  other?: OtherReport;
  /** What its published diagnostics were made from (its stamp and its others' stamps), when published. */
  publishedKey?: string;
  counts?: Record<Severity, number>;
}

/** A report looking for its others: its path, its report, its settings and the folder of its `.nianbaorc.json`. */
export interface Current {
  file: string;
  report: Report;
  config: Config;
  dir: string | null;
}

/** An open document, as the index sees it: its text (which wins over the file's), its report and its settings. */
export interface OpenReport extends Current {
  uri: string;
  stamp: string;
  /** The document's text (an HTML page's source). */
  text: string;
  /** An HTML page: the draft its report was read into. */
  html?: Published;
}

/** What the index needs from the server. */
export interface IndexHost {
  folders(): string[];
  settings(): Promise<{ workspace: WorkspaceSettings; language: Language }>;
  /** The settings a file is checked with (its `.nianbaorc.json`, the editor's settings). */
  contextFor(uri: string): Promise<{ config: Config; options: AnalyzeOptions; dir: string | null }>;
  /** The open documents that are reports (file: documents only). */
  openReports(): OpenReport[];
  /** Whether a file is open in the editor (its own diagnostics win). */
  isOpen(file: string): boolean;
  /** Checks an open document again (its others changed). */
  recheck(uri: string): void;
  publish(uri: string, diagnostics: Diagnostic[]): void;
  /** Asks the client to report changes of the files the index holds (once). */
  watch(globs: string[]): void;
  log(message: string): void;
}

/** The rules that compare a report with others (they read ctx.others): with all of them off, no other file is read for it. */
const CROSS_CODES = CODES.filter((c) => /^(?:cross-year|aggregate)-/.test(c));

/** Paths of a `.nianbaorc.json` (relative to its folder, else to the report's) as absolute paths. */
const absolute = (dir: string, p: string) => path.resolve(dir, p);

/**
 * The other reports of a report among the candidates: last year's (core/pair.ts), the one `previous` maps
 * it to, else the report of the same body and the year before; and a summary's parts (core/aggregate.ts).
 */
function findOthers(current: Current, candidates: readonly OtherReport[]): Others {
  const base = current.dir ?? path.dirname(current.file);
  const mapping = Object.fromEntries(Object.entries(current.config.previous).map(([from, to]) => [absolute(base, from), absolute(base, to)]));
  const previous = findPrevious(current, candidates, mapping);
  const children = childrenOf(current, candidates);
  return { ...(previous ? { previous } : {}), ...(children ? { children } : {}) };
}

/**
 * A summary's parts: the entries of its `.nianbaorc.json` `children` (paths relative to that file's
 * folder, or organisations) found among the candidates, and those not found. A part named by a path
 * outside the workspace folders is not read: it counts as not found. None when the config names no
 * children, or names this report itself (a part is no summary: the config governs its parts too).
 */
function childrenOf(current: Current, candidates: readonly OtherReport[]): Others['children'] {
  // relative to the .nianbaorc.json; given as an editor setting without one, to the report's folder
  const dir = current.dir ?? path.dirname(current.file);
  return childrenFor(otherReport(current.file, current.report), current.config.children, (e) => absolute(dir, e), candidates);
}

/** The index of a workspace's reports. */
export class WorkspaceIndex {
  private entries = new Map<string, Entry>();
  private built: Promise<void> | null = null;
  private left: LeftOut = { limits: 0, large: 0, links: 0 };
  private bytes = 0;
  private notReports = 0;
  /** Whether the workspace's diagnostics are published (after the command, or on start). */
  private publishing = false;
  /** Per open document: the stamps of the others its last check used. */
  private openKeys = new Map<string, string>();
  private stamps = new WeakMap<OtherReport, string>();
  /**
   * Open documents' reports as other reports, by file (made once per version; closed files dropped). Not a WeakMap
   * by report: the young generation's collections keep a WeakMap's values, so every check's report would be promoted
   * (bench/RESULTS.md, fifth round).
   */
  private asOther = new Map<string, OtherReport>();
  private refreshTimer: NodeJS.Timeout | undefined;
  private limits: WorkspaceSettings = WORKSPACE_DEFAULTS;
  private watching = false;
  /** The files whose diagnostics the index published (and has not cleared). */
  private shown = new Set<string>();

  constructor(private readonly host: IndexHost) {}

  /** The reports another report may be compared with: text drafts of the workspace, open ones as the editor has them. */
  private candidates(): OtherReport[] {
    const open = new Map(this.host.openReports().map((o) => [o.file, o]));
    const out: OtherReport[] = [];
    for (const file of this.asOther.keys()) if (!open.has(file)) this.asOther.delete(file);
    for (const o of open.values()) {
      let other = this.asOther.get(o.file);
      if (!other || other.report !== o.report) {
        other = { file: o.file, text: o.html ? o.html.text : o.text, report: o.report, computed: compute(o.report) };
        this.asOther.set(o.file, other);
      }
      this.stamps.set(other, o.stamp);
      out.push(other);
    }
    for (const e of this.entries.values()) if (e.other && !open.has(e.listed.file)) out.push(e.other);
    return out;
  }

  private keyOf(others: Others): string {
    const one = (o: OtherReport) => `${o.file}@${this.stamps.get(o) ?? ''}`;
    return JSON.stringify([others.previous ? one(others.previous) : '', others.children?.reports.map(one) ?? [], others.children?.missing ?? []]);
  }

  private othersOf(current: Current, candidates: OtherReport[]): Others {
    if (CROSS_CODES.every((c) => current.config.rules[c] === 'off')) return {};
    return findOthers(
      current,
      candidates.filter((c) => c.file !== current.file),
    );
  }

  /**
   * The other reports of an open document of a workspace folder (synchronously, from what the index
   * holds now); the first call builds the index, after which the documents whose others changed are
   * checked again. With the cross-report rules off, nothing is read for it.
   */
  othersForOpen(uri: string, current: Current): Others | undefined {
    if (!this.folderOf(current.file) || CROSS_CODES.every((c) => current.config.rules[c] === 'off')) {
      this.openKeys.delete(uri);
      return undefined;
    }
    void this.ensure();
    const others = this.othersOf(current, this.candidates());
    this.openKeys.set(uri, this.keyOf(others));
    return others;
  }

  private folderOf(file: string): string | undefined {
    return this.host
      .folders()
      .filter((f) => f === file || inside(file, f))
      .sort((a, b) => b.length - a.length)[0];
  }

  /** Lists and reads the workspace once (within the limits); later calls wait for the same. */
  ensure(): Promise<void> {
    return this.built ?? this.rescan();
  }

  /** Lists the folders again (after what is under way); a failure is logged. */
  private rescan(): Promise<void> {
    const scan = () => this.scan().catch((e) => this.host.log(`workspace index failed: ${e instanceof Error ? e.stack : String(e)}`));
    this.built = this.built ? this.built.then(scan) : scan();
    return this.built;
  }

  /** Lists the folders again and reads what is new or changed (by modification time and size). */
  private async scan(): Promise<void> {
    this.limits = (await this.host.settings()).workspace;
    const listed: Listed[] = [];
    const left: LeftOut = { limits: 0, large: 0, links: 0 };
    for (const folder of this.host.folders()) await listFolder(folder, listed, left);
    const seen = new Set<string>();
    const kept = new Map<string, Entry>();
    this.bytes = 0;
    for (const l of listed) {
      if (seen.has(l.real)) continue; // the same file through a link inside the folder: once
      seen.add(l.real);
      if (!this.admit(l, left, kept.size)) continue;
      const old = this.entries.get(l.file);
      const entry = old && old.listed.stamp === l.stamp && old.listed.real === l.real ? old : this.read(l);
      if (entry) kept.set(l.file, entry);
    }
    for (const [file, e] of this.entries) if (!kept.has(file)) this.unpublish(e);
    this.entries = kept;
    this.left = left;
    this.notReports = [...kept.values()].filter((e) => e.text === undefined).length;
    if (!this.watching) {
      this.watching = true;
      this.host.watch(['**/*.{txt,md,nianbao,html,htm}']);
    }
    this.scheduleRefresh();
  }

  /** Whether a listed file is read: not too large, and within the limits (else it is counted as left out). */
  private admit(l: Listed, left: LeftOut, files: number): boolean {
    if (l.size > MAX_WORKSPACE_FILE) {
      left.large++;
      return false;
    }
    if (files >= this.limits.maxFiles || this.bytes + l.size > this.limits.maxMegabytes * 1024 * 1024) {
      left.limits++;
      return false;
    }
    this.bytes += l.size;
    return true;
  }

  /** Reads a listed file: a report keeps its text and report, anything else only its stamp. */
  private read(l: Listed): Entry | null {
    const r = readDraft(l.real);
    // the file read must be the one listed (a link swapped in meanwhile is not followed)
    if ('error' in r || Number(r.stat.dev) !== l.dev || Number(r.stat.ino) !== l.ino || r.bytes.length > MAX_WORKSPACE_FILE) return null;
    const entry: Entry = { listed: l, uri: URI.file(l.file).toString(), languageId: languageOfFile(l.file) };
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(r.bytes);
    } catch {
      return entry; // not UTF-8: the editor does not show it as text either
    }
    const c = sniff(text, entry.languageId);
    if (!c) return entry;
    entry.text = text;
    entry.report = c.report;
    entry.html = c.html ?? undefined;
    entry.other = { file: l.file, text: c.html ? c.html.text : text, report: c.report, computed: compute(c.report) };
    this.stamps.set(entry.other, entry.listed.stamp);
    return entry;
  }

  /**
   * Files changed on disk (workspace/didChangeWatchedFiles): each is read again (or dropped), within
   * the limits, and the documents and published files that compare with them are checked again.
   */
  async filesChanged(files: string[]): Promise<void> {
    if (!this.built) return;
    await this.built;
    for (const file of files) {
      if (!CHECKED_NAME.test(file)) continue;
      const folder = this.folderOf(file);
      if (!folder) continue;
      let root: string;
      try {
        root = await fs.promises.realpath(folder);
      } catch {
        continue;
      }
      const old = this.entries.get(file);
      const r = await resolveInside(file, root);
      if (r === null || r === 'outside') {
        if (old) {
          this.entries.delete(file);
          this.bytes -= old.listed.size;
          this.unpublish(old);
        }
        continue;
      }
      const l: Listed = { file, real: r.real, size: r.st.size, stamp: stampOf(r.st), dev: r.st.dev, ino: r.st.ino };
      if (old && old.listed.stamp === l.stamp) continue;
      if (old) this.bytes -= old.listed.size;
      if (!this.admit(l, this.left, this.entries.size - (old ? 1 : 0))) {
        if (old) this.entries.delete(file);
        continue;
      }
      const entry = this.read(l);
      if (!entry) {
        if (old) {
          this.entries.delete(file);
          this.unpublish(old);
        }
        continue;
      }
      entry.publishedKey = old?.publishedKey;
      this.entries.set(file, entry);
    }
    this.notReports = [...this.entries.values()].filter((e) => e.text === undefined).length;
    this.scheduleRefresh();
  }

  /** An open document changed or closed: the documents that compare with it are checked again. */
  documentChanged(): void {
    if (this.built) this.scheduleRefresh();
  }

  /** Forgets an open document that was closed; its workspace diagnostics (if published) come back. */
  documentClosed(uri: string, file: string | null): void {
    this.openKeys.delete(uri);
    const e = file ? this.entries.get(file) : undefined;
    if (e) e.publishedKey = undefined; // published again at the refresh, from the file on disk
    this.documentChanged();
  }

  /**
   * The settings, a `.nianbaorc.json` or the workspace folders changed: once built, the index lists the
   * folders again under the limits now set, and the published files are checked again.
   */
  settingsChanged(): void {
    for (const e of this.entries.values()) e.publishedKey = undefined;
    if (this.built) void this.rescan();
  }

  private scheduleRefresh(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.refresh().catch((e) => this.host.log(`workspace refresh failed: ${e instanceof Error ? e.stack : String(e)}`));
    }, 50);
  }

  /** Checks again what depends on a change: open documents whose others changed, published files whose text or others changed. */
  private async refresh(): Promise<void> {
    const candidates = this.candidates();
    for (const o of this.host.openReports()) {
      if (!this.folderOf(o.file)) continue;
      if (!this.openKeys.has(o.uri)) continue; // not looking for others (the rules are off)
      if (this.keyOf(this.othersOf(o, candidates)) !== this.openKeys.get(o.uri)) this.host.recheck(o.uri);
    }
    if (!this.publishing) return;
    const { language } = await this.host.settings();
    for (const [file, e] of this.entries) {
      if (e.text === undefined)
        this.unpublish(e); // no longer a report
      else if (!this.host.isOpen(file)) await this.publishEntry(e, language, candidates);
    }
  }

  /**
   * Related places in another report that is an HTML page, moved from the lines of the draft it was
   * read into to the page's own (places in the document itself are mapped already).
   */
  mapPlaces(uri: string, diagnostics: Diagnostic[]): Diagnostic[] {
    const elsewhere = (d: Diagnostic) => d.relatedInformation?.some((r) => r.location.uri !== uri);
    if (!diagnostics.some(elsewhere)) return diagnostics;
    return diagnostics.map((d) =>
      !elsewhere(d)
        ? d
        : {
            ...d,
            relatedInformation: d.relatedInformation!.map((r) => {
              const page = r.location.uri === uri ? undefined : this.pageOf(r.location.uri);
              return page ? { ...r, location: { uri: r.location.uri, range: toHtmlRange(page.html, page.doc, page.report.index, r.location.range) } } : r;
            }),
          },
    );
  }

  /** An HTML page among the other reports (open, else from the index), by its URI. */
  private pageOf(uri: string): { html: Published; doc: TextDocument; report: Report } | undefined {
    const file = URI.parse(uri).fsPath;
    const open = this.host.openReports().find((o) => o.file === file);
    if (open) return open.html && { html: open.html, doc: TextDocument.create(uri, 'html', 0, open.text), report: open.report };
    const e = this.entries.get(file);
    return e?.html && e.text !== undefined && e.report ? { html: e.html, doc: TextDocument.create(uri, 'html', 0, e.text), report: e.report } : undefined;
  }

  /** A file that left the index: its diagnostics are cleared, unless it is open (its own diagnostics win). */
  private unpublish(e: Entry): void {
    if (!this.shown.delete(e.uri) || this.host.isOpen(e.listed.file)) return;
    this.host.publish(e.uri, []);
  }

  /** Checks a report file of the index (with its others) and publishes its diagnostics, unless nothing changed since. */
  private async publishEntry(e: Entry, language: Language, candidates: OtherReport[]): Promise<void> {
    const context = await this.host.contextFor(e.uri);
    // what the check would be made from, before it is made: nothing changed, nothing is checked
    const others = e.other ? this.othersOf({ file: e.listed.file, report: e.other.report, config: context.config, dir: context.dir }, candidates) : {};
    const key = `${e.listed.stamp}|${this.keyOf(others)}`;
    if (e.publishedKey === key || this.entries.get(e.listed.file) !== e || this.host.isOpen(e.listed.file)) return;
    // its report as read when it is of the same settings (sizeLimit): not parsed again
    const check = checkText(e.text!, e.languageId, { ...context.options, report: e.report }, () => others);
    e.publishedKey = key;
    e.counts = { error: 0, warning: 0, information: 0, hint: 0 };
    for (const f of check.analysis.findings) e.counts[f.severity]++;
    const doc = TextDocument.create(e.uri, e.languageId, 0, e.text!);
    this.host.publish(e.uri, this.mapPlaces(e.uri, diagnosticsOf(check, doc, language, e.uri)));
    this.shown.add(e.uri);
  }

  /** `nianbao.workspace.checkOnStart`: the command, run when the server starts. */
  async checkOnStart(): Promise<void> {
    if (this.host.folders().length && (await this.host.settings()).workspace.checkOnStart) await this.checkAll();
  }

  /** The command: the workspace listed and read again, every report not open checked and its diagnostics published. */
  async checkAll(): Promise<WorkspaceCheckResult> {
    await this.rescan();
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    this.publishing = true;
    const { language } = await this.host.settings();
    const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
    const candidates = this.candidates();
    let reports = 0;
    for (const [file, e] of this.entries) {
      if (e.text === undefined) {
        this.unpublish(e);
        continue;
      }
      reports++;
      if (this.host.isOpen(file)) continue;
      await this.publishEntry(e, language, candidates);
      for (const s of Object.keys(counts) as Severity[]) counts[s] += e.counts?.[s] ?? 0;
    }
    const r = (m: Message) => render(m, language);
    const parts = [
      r(
        msg('Checked {reports} reports in the workspace ({skipped} other files are not reports): {errors} errors, {warnings} warnings, {notes} notes in the files not open.', {
          reports,
          skipped: this.notReports,
          errors: counts.error,
          warnings: counts.warning,
          notes: counts.information + counts.hint,
        }),
      ),
    ];
    if (this.left.limits)
      parts.push(
        r(
          msg('{n} files were left out by the limits (nianbao.workspace.maxFiles: {files}, nianbao.workspace.maxMegabytes: {megabytes}).', {
            n: this.left.limits,
            files: this.limits.maxFiles,
            megabytes: this.limits.maxMegabytes,
          }),
        ),
      );
    if (this.left.large) parts.push(r(msg('{n} files larger than {megabytes} MB were not read.', { n: this.left.large, megabytes: MAX_WORKSPACE_FILE / 1024 / 1024 })));
    if (this.left.links) parts.push(r(msg('{n} links leading outside the workspace folder were not followed.', { n: this.left.links })));
    return { reports, notReports: this.notReports, leftOut: this.left.limits + this.left.large, linksNotFollowed: this.left.links, counts, message: parts.join(' ') };
  }
}
