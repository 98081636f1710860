/**
 * The literals of a TypeScript source: strings, template strings (their text parts), regular
 * expressions and numbers, with their lines; comments skipped. A small lexer for the project's own
 * sources (the test of the format as data reads them): it knows strings, templates with `${…}`,
 * comments and where a `/` starts a regular expression, which is all these files need.
 */
export interface Literal {
  kind: 'string' | 'template' | 'regex' | 'number';
  text: string;
  line: number;
}

/** After one of these (or at the start), a `/` starts a regular expression, not a division. */
const BEFORE_REGEX = new Set([...'(,=:[!&|?{};+-*%<>~^', '']);
const KEYWORDS_BEFORE_REGEX = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'yield', 'await']);

export function literals(src: string): Literal[] {
  const out: Literal[] = [];
  let i = 0;
  let line = 1;
  let last = ''; // the last significant character, or a word
  /** Template nesting: for each open `${`, the brace depth at which it closes. */
  const templates: number[] = [];
  let depth = 0;
  const count = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (src.charCodeAt(k) === 10) line++;
  };
  const readTemplate = () => {
    // at the character after ` or after the } closing a ${…}
    const startLine = line;
    let text = '';
    while (i < src.length) {
      const c = src[i];
      if (c === '\\') {
        text += src.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (c === '`') {
        i++;
        out.push({ kind: 'template', text, line: startLine });
        last = '`';
        return;
      }
      if (c === '$' && src[i + 1] === '{') {
        i += 2;
        out.push({ kind: 'template', text, line: startLine });
        templates.push(depth);
        depth++;
        last = '{';
        return;
      }
      if (c === '\n') line++;
      text += c;
      i++;
    }
  };
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') {
      line++;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end === -1 ? src.length : end + 2;
      count(i, stop);
      i = stop;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      let text = '';
      while (j < src.length && src[j] !== c && src[j] !== '\n') {
        if (src[j] === '\\') {
          text += src.slice(j, j + 2);
          j += 2;
        } else text += src[j++];
      }
      out.push({ kind: 'string', text, line });
      i = j + 1;
      last = c;
      continue;
    }
    if (c === '`') {
      i++;
      readTemplate();
      continue;
    }
    if (c === '/' && (BEFORE_REGEX.has(last) || KEYWORDS_BEFORE_REGEX.has(last))) {
      let j = i + 1;
      let inClass = false;
      while (j < src.length && src[j] !== '\n') {
        if (src[j] === '\\') j += 2;
        else if (src[j] === '[') (inClass = true), j++;
        else if (src[j] === ']') (inClass = false), j++;
        else if (src[j] === '/' && !inClass) break;
        else j++;
      }
      out.push({ kind: 'regex', text: src.slice(i + 1, j), line });
      i = j + 1;
      while (i < src.length && /[a-z]/.test(src[i])) i++;
      last = '/re';
      continue;
    }
    if (/[0-9]/.test(c) && !/[\w$]/.test(src[i - 1] ?? '')) {
      const m = /^(?:0[xX][0-9a-fA-F_]+|[0-9][0-9_]*(?:\.[0-9_]+)?(?:[eE][+-]?[0-9]+)?)n?/.exec(src.slice(i))!;
      out.push({ kind: 'number', text: m[0], line });
      i += m[0].length;
      last = '0';
      continue;
    }
    if (/[\w$]/.test(c)) {
      const m = /^[\w$]+/.exec(src.slice(i))!;
      i += m[0].length;
      last = m[0];
      continue;
    }
    if (c === '{') depth++;
    if (c === '}') {
      depth--;
      if (templates.length && templates[templates.length - 1] === depth) {
        templates.pop();
        i++;
        readTemplate();
        continue;
      }
    }
    last = c;
    i++;
  }
  return out;
}
