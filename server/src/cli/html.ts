/**
 * `nianbao check --format html`: one self-contained page for a batch, to send to the bureaus (issue 15,
 * item 5). An overview with a row per report, then each report's findings with the cells in question
 * (the lines of the text around each, the finding's span marked), and the files not checked. Chinese
 * first; no script, no external resource (styles inline); every text escaped.
 */
import { present, type Presented } from '../core/present';
import type { Language } from '../core/l10n';
import type { Analysis } from '../core/check';
import { describeWhere } from '../node/readers';
import { countsOf, reportRow, statusOf, tableHeader, type BatchEntry } from './batch';
import type { Locate } from './output';

const ESCAPE: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are shown as their code, never passed through
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Text as HTML: the five special characters escaped, control characters written as `\xNN`. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPE[c]).replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Lines of context shown before and after a finding's first line. */
export const CONTEXT_LINES = 2;

const LABELS = {
  'zh-cn': {
    title: '政府信息公开工作年度报告检查结果',
    subtitle: 'nianbao check: results of the annual report checks',
    overview: '各报告一览',
    findings: '问题',
    none: '未发现问题。',
    where: '位置',
    line: (l: number, c: number) => `第 ${l} 行第 ${c} 列`,
    related: '相关位置',
    skipped: '未检查的文件',
    fixable: '可自动修正：nianbao check --fix',
    severity: { error: '错误', warning: '警告', information: '信息', hint: '提示' },
    made: (v: string) => `由 nianbao ${v} 生成`,
    text: 'nianbao 读到的文本',
  },
  en: {
    title: 'Annual report check results',
    subtitle: '政府信息公开工作年度报告检查结果',
    overview: 'Reports',
    findings: 'Findings',
    none: 'No findings.',
    where: 'Where',
    line: (l: number, c: number) => `line ${l}, column ${c}`,
    related: 'Related',
    skipped: 'Files not checked',
    fixable: 'fixed automatically by nianbao check --fix',
    severity: { error: 'error', warning: 'warning', information: 'information', hint: 'hint' },
    made: (v: string) => `made by nianbao ${v}`,
    text: 'the text nianbao read',
  },
};

const STYLE = `body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;margin:2em;color:#222;line-height:1.5}
h1{font-size:1.5em;margin-bottom:0}h1 small{display:block;font-size:.6em;color:#666;font-weight:normal}
h2{font-size:1.2em;border-bottom:1px solid #ccc;margin-top:2em}
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #bbb;padding:.3em .6em;text-align:left;vertical-align:top}
th,td.n,td.s{white-space:nowrap}td.n{text-align:right}tr.error td.s{color:#b00;font-weight:bold}tr.warning td.s{color:#a60}
ol.findings>li{margin:1em 0}.sev{font-weight:bold}.sev.error{color:#b00}.sev.warning{color:#a60}.sev.information,.sev.hint{color:#06c}
code{background:#f4f4f4;padding:0 .2em}
pre{background:#f8f8f8;border:1px solid #ddd;padding:.5em;overflow-x:auto;font-size:.9em}
pre .at{background:#fff3c4;display:block}mark{background:#ffd24d}
.ln{color:#888;user-select:none}footer{margin-top:3em;color:#888;font-size:.85em}`;

/** The lines around a finding, numbered, the finding's span marked on its first line. */
function snippet(text: string, p: Presented): string {
  const lines = text.split('\n');
  const first = p.range.start.line;
  const from = Math.max(0, first - CONTEXT_LINES);
  const to = Math.min(lines.length - 1, first + CONTEXT_LINES);
  const width = String(to + 1).length;
  const out: string[] = [];
  for (let i = from; i <= to; i++) {
    const raw = lines[i].replace(/\r$/, '');
    const num = `<span class="ln">${String(i + 1).padStart(width)} │ </span>`;
    if (i !== first) {
      out.push(`${num}${escapeHtml(raw)}`);
      continue;
    }
    const start = p.range.start.character;
    const end = p.range.end.line === first ? p.range.end.character : raw.length;
    // a zero-width finding (something absent) is marked by the place where it belongs
    const marked = end > start ? `<mark>${escapeHtml(raw.slice(start, end))}</mark>` : '<mark>▮</mark>';
    out.push(`<span class="at">${num}${escapeHtml(raw.slice(0, start))}${marked}${escapeHtml(raw.slice(end))}</span>`);
  }
  return out.join('\n');
}

function where(p: Presented, language: Language, locate?: Locate): string {
  const at = locate?.(p.offset);
  if (at && at.kind !== 'doc') return describeWhere(at);
  return LABELS[language].line(p.range.start.line + 1, p.range.start.character + 1);
}

function finding(p: Presented, analysis: Analysis, language: Language, locate?: Locate): string {
  const L = LABELS[language];
  const related = p.related.length
    ? `<details><summary>${L.related}（${p.related.length}）</summary><ul>${p.related.map((r) => `<li>${escapeHtml(L.line(r.range.start.line + 1, r.range.start.character + 1))}：${escapeHtml(r.message)}</li>`).join('')}</ul></details>`
    : '';
  return `<li><span class="sev ${p.severity}">${L.severity[p.severity]}</span> <code>${escapeHtml(p.code)}</code> ${escapeHtml(p.message)}${p.fixable ? `（${L.fixable}）` : ''}
<div>${L.where}：${escapeHtml(where(p, language, locate))}</div>
<pre title="${L.text}">${snippet(analysis.report.text, p)}</pre>${related}</li>`;
}

/** The page for a batch; `shown` filters the findings listed (`--min-severity`), the overview counts them all. */
export function toHtml(entries: BatchEntry<Analysis>[], language: Language, version: string, shown: (a: Analysis) => Analysis = (a) => a): string {
  const L = LABELS[language];
  const reports = entries.flatMap((e) => (e.kind === 'report' ? [e] : []));
  const skipped = entries.flatMap((e) => (e.kind === 'skipped' ? [e] : []));
  const header = tableHeader(language);
  const rows = reports.map((e, i) => {
    const cells = reportRow(e, language).map((c, k) => {
      const text = escapeHtml(c);
      if (k === 0) return `<td><a href="#r${i + 1}">${text}</a></td>`;
      return `<td${k >= 4 && k <= 6 ? ' class="n"' : k === 7 ? ' class="s"' : ''}>${text}</td>`;
    });
    return `<tr class="${statusOf(countsOf(e.analysis))}">${cells.join('')}</tr>`;
  });
  const sections = reports.map((e, i) => {
    const { report } = e.analysis;
    const a = shown(e.analysis);
    const title = [report.organisation, report.reportYear ? `${report.reportYear}` : null].filter(Boolean).join(' · ') || e.file;
    const list = a.findings.length ? `<ol class="findings">${a.findings.map((f) => finding(present(f, report, language), a, language, e.locate)).join('\n')}</ol>` : `<p>${L.none}</p>`;
    return `<section id="r${i + 1}"><h2>${escapeHtml(title)}</h2><p><code>${escapeHtml(e.file)}</code></p>
<h3>${L.findings}（${a.findings.length}）</h3>
${list}</section>`;
  });
  const skippedPart = skipped.length
    ? `<section id="skipped"><h2>${L.skipped}（${skipped.length}）</h2><ul>${skipped.map((s) => `<li><code>${escapeHtml(s.file)}</code>：${escapeHtml(s.message)}</li>`).join('')}</ul></section>`
    : '';
  return `<!DOCTYPE html>
<html lang="${language === 'en' ? 'en' : 'zh-CN'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${L.title}</title>
<style>
${STYLE}
</style>
</head>
<body>
<h1>${L.title}<small>${L.subtitle}</small></h1>
<h2>${L.overview}（${reports.length}）</h2>
<table id="overview">
<thead><tr>${header.map((h) => `<th>${h}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
${sections.join('\n')}
${skippedPart}
<footer>${escapeHtml(L.made(version))}</footer>
</body>
</html>
`;
}
