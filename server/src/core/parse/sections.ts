/** The six section headings and where each section's content runs. */
import { SECTIONS } from '../formats';
import type { SectionHit } from '../report';
import type { LineIndex } from '../text';
import { indexWithin } from '../text';

const HEADING_ORDINAL = /([一二三四五六])\s*、/g;
const LIST_PUNCT = /^[；、，,;：:。]/;
const LINE_START = /^[\s\u3000\u00a0\ufeff#*>]*$/;
const LEADING_SPACE = /^[\s\u3000]+/;

export function findSections(text: string, index: LineIndex): SectionHit[] {
  const atStart: (SectionHit | undefined)[] = new Array(6).fill(undefined);
  const inline: (SectionHit | undefined)[] = new Array(6).fill(undefined);
  for (let li = 0; li < index.lineCount; li++) {
    const ls = index.starts[li];
    const le = index.lineEnd(li);
    if (indexWithin(text, '、', ls, le) === -1) continue;
    const line = text.slice(ls, le);
    HEADING_ORDINAL.lastIndex = 0;
    for (let m = HEADING_ORDINAL.exec(line); m; m = HEADING_ORDINAL.exec(line)) {
      const prefix = line.slice(0, m.index);
      // at the start of a line, or inside one (flattened text glues headings to what went before)
      const lineStart = LINE_START.test(prefix);
      const restStart = m.index + m[0].length;
      const rest = line.slice(restStart);
      const lead = rest.length - rest.replace(LEADING_SPACE, '').length;
      for (let k = 0; k < 6; k++) {
        const mm = SECTIONS[k].pattern.exec(rest.slice(lead));
        if (!mm) continue;
        const end = restStart + lead + mm[0].length;
        if (!lineStart && LIST_PUNCT.test(line.slice(end))) break;
        const slot = lineStart ? atStart : inline;
        if (!slot[k]) {
          slot[k] = { index: k, ordinal: m[1], start: ls + m.index, end: ls + end, contentStart: ls + end, contentEnd: text.length };
        }
        break;
      }
    }
  }
  const hits = atStart.map((h, k) => h ?? inline[k]).filter((h): h is SectionHit => !!h);
  hits.sort((a, b) => a.start - b.start);
  hits.forEach((h, i) => (h.contentEnd = i + 1 < hits.length ? hits[i + 1].start : text.length));
  return hits;
}
