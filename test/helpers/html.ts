/**
 * Turns a report's HTML into the plain text a browser copy gives: one line per paragraph, one
 * line per table row with its cells joined by TAB (a rowspan or colspan cell appears once, in its
 * first row), `&nbsp;` kept as U+00A0, other whitespace inside a cell dropped.
 */
import { parse, type HTMLElement, type Node } from 'node-html-parser';

const BLOCK = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'table', 'section', 'article', 'blockquote']);

function cellText(el: HTMLElement): string {
  return el.text.replace(/&nbsp;/g, '\u00a0').replace(/[ \t\r\n\u3000]+/g, '');
}

export function htmlToText(html: string): string {
  const root = parse(html, { blockTextElements: { script: false, style: false } });
  const out: string[] = [];
  let line = '';
  const flush = () => {
    if (line.trim()) out.push(line);
    line = '';
  };
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      line += node.rawText.replace(/&nbsp;/g, '\u00a0').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/[\r\n]+/g, '');
      return;
    }
    const el = node as HTMLElement;
    const tag = el.rawTagName?.toLowerCase();
    if (tag === 'br') return flush();
    if (tag === 'tr') {
      flush();
      out.push(el.querySelectorAll('td, th').filter((c) => c.closest('tr') === el).map(cellText).join('\t'));
      return;
    }
    if (BLOCK.has(tag ?? '')) flush();
    el.childNodes.forEach(walk);
    if (BLOCK.has(tag ?? '')) flush();
  };
  root.childNodes.forEach(walk);
  flush();
  return out.join('\n') + '\n';
}
