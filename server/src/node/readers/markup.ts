/** Markup helpers shared by the HTML and the Word reader: nodes of htmlparser2's tree with source offsets. */
import type { ChildNode, Element, Text } from 'domhandler';
import type { SourceChar } from './draft';

export const isElement = (n: ChildNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';
export const isText = (n: ChildNode): n is Text => n.type === 'text';

/** Every node below `n`, in document order, not descending into the elements `skip` names. */
export function* descendants(n: Element, skip?: Set<string>): Generator<ChildNode> {
  for (const c of n.children) {
    yield c;
    if (isElement(c) && !skip?.has(c.name)) yield* descendants(c, skip);
  }
}

const ENTITY = /&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);?/gi;

/** The characters of a text node, each with the span of the source it comes from (an entity: its whole span). */
export function charsOf(src: string, node: Text, decode: (entity: string) => string): SourceChar[] {
  const start = node.startIndex!;
  const raw = src.slice(start, node.endIndex! + 1);
  const out: SourceChar[] = [];
  const plain = (from: number, to: number) => {
    for (let i = from; i < to; i++) out.push({ ch: raw[i], start: start + i, end: start + i + 1 });
  };
  let last = 0;
  if (raw !== node.data) {
    ENTITY.lastIndex = 0;
    for (let m = ENTITY.exec(raw); m; m = ENTITY.exec(raw)) {
      plain(last, m.index);
      for (const ch of decode(m[0])) out.push({ ch, start: start + m.index, end: start + m.index + m[0].length });
      last = m.index + m[0].length;
    }
  }
  plain(last, raw.length);
  if (out.map((c) => c.ch).join('') === node.data) return out;
  // something else was decoded: the node's characters all map to the whole node
  return [...node.data].map((ch) => ({ ch, start, end: node.endIndex! + 1 }));
}
