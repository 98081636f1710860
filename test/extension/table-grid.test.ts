/**
 * The table view's page (client/src/table-grid.ts): its Content-Security-Policy, the escaping of the
 * draft's text, and the grids' shape — with the merged header and label cells (and the note rows under
 * unreadable or missing rows) every row of a table covers exactly its columns, as the printed format does.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/core/check';
import { gridsOf } from '../../server/src/lsp/tables';
import { escapeHtml, gridsHtml, pageHtml, parseRange, rangeAttr } from '../../client/src/table-grid';
import type { TablesResult } from '../../shared/protocol';
import { read } from '../helpers/repo';

const gridOf = (text: string): TablesResult => gridsOf('file:///d.txt', 1, analyze(text), true, '', 'zh-cn');

/** How many columns each <tr> of each <table> covers, merged cells of the rows above counted. */
function coverage(html: string): number[][] {
  return [...html.matchAll(/<table class="grid">([\s\S]*?)<\/table>/g)].map(([, t]) => {
    const carried: number[] = []; // per column: rows a cell from above still covers
    return [...t.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map(([, tr]) => {
      let col = 0;
      let covered = 0;
      const take = () => {
        while ((carried[col] ?? 0) > 0) {
          carried[col]--;
          col++;
          covered++;
        }
      };
      for (const [, attrs] of tr.matchAll(/<t[hd]([^>]*)>/g)) {
        take();
        const rs = Number(/rowspan="(\d+)"/.exec(attrs)?.[1] ?? 1);
        const cs = Number(/colspan="(\d+)"/.exec(attrs)?.[1] ?? 1);
        for (let k = 0; k < cs; k++) carried[col + k] = rs - 1;
        col += cs;
        covered += cs;
      }
      take();
      return covered;
    });
  });
}

describe('table view page', () => {
  test('a strict Content-Security-Policy: nothing but its own nonce’d script and style, no remote content', () => {
    const html = pageHtml('N0nce+/=', 'zh-cn', 'https://x.vscode-cdn.net');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1];
    assert.equal(csp, "default-src 'none'; style-src https://x.vscode-cdn.net 'nonce-N0nce+/='; script-src 'nonce-N0nce+/='; img-src https://x.vscode-cdn.net; font-src https://x.vscode-cdn.net");
    assert.doesNotMatch(csp, /unsafe/);
    assert.deepEqual([...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]), [' nonce="N0nce+/="']);
    assert.deepEqual([...html.matchAll(/<style([^>]*)>/g)].map((m) => m[1]), [' nonce="N0nce+/="']);
    assert.doesNotMatch(html, /\bstyle="/, 'no inline style attribute (the policy forbids them)');
    assert.doesNotMatch(html, /https?:\/\/(?!x\.vscode-cdn\.net)/);
    assert.match(html, /var\(--vscode-errorForeground\)/, 'theme colours');
  });

  test('ranges go to the page and back as four numbers; anything else is refused', () => {
    const r = { start: { line: 3, character: 1 }, end: { line: 3, character: 2 } };
    assert.equal(rangeAttr(r), '3,1,3,2');
    assert.deepEqual(parseRange(rangeAttr(r)), r);
    for (const bad of [undefined, 3, '3,1,3', '3,1,3,x', '1,2,3,4,5', '<script>']) assert.equal(parseRange(bad), undefined);
    assert.equal(escapeHtml(`<img src=x onerror="a('b')">&`), '&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;');
  });

  test('seed 003 and an unreadable row: every row of every grid covers its columns; wrong totals and blanks marked', () => {
    const seed = gridOf(read('samples/seeds/003_efc93f8cbbb15791.txt'));
    const broken = read('samples/2020-tab-rows-balance-and-order.txt').replace(/(（一）予以公开\t5\t0)/, '$1\t7');
    for (const r of [seed, gridOf(broken)]) {
      const html = gridsHtml(r);
      const widths = r.tables.map((t) => t.labelColumns + t.rows[0].cells.length);
      coverage(html).forEach((rows, i) => rows.forEach((w, k) => assert.equal(w, widths[i], `${r.tables[i].title}, <tr> ${k + 1}`)));
    }
    const html = gridsHtml(seed);
    assert.equal([...html.matchAll(/class="cell kind-blank sev-error wrong"/g)].length, 1);
    assert.match(html, /<span class="written"><\/span><span class="expected">应为 1<\/span>/);
    assert.ok(html.includes('<th scope="col" rowspan="2" colspan="5">行政复议</th>'));
    assert.ok(html.includes('<th scope="col" colspan="5">法人或其他组织</th>'));
    const unreadable = gridsHtml(gridOf(broken));
    assert.match(unreadable, /<tr class="row-unreadable" data-row="r1">/);
    assert.match(unreadable, /<tr class="note note-unreadable"><td colspan="9" data-range="[\d,]+" tabindex="0">无法读取此行<br>无法读取“（一）予以公开”行/);
  });

  test('the draft’s text is escaped', () => {
    const r = gridOf(read('samples/seeds/003_efc93f8cbbb15791.txt'));
    const c = r.tables.find((t) => t.id === 'applications')!.rows[0].cells[1];
    c.kind = 'text';
    c.text = '<script>alert(1)</script>';
    const html = gridsHtml(r);
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.doesNotMatch(html, /<script>/);
  });
});
