/** The source map of a published file's draft: draft offsets back to the source, edits refused where they would cross markup. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DraftBuilder } from '../../server/src/node/readers/draft';
import { SourceMap } from '../../server/src/node/readers/sourcemap';

/** `<td>&nbsp;12</td><td></td>`: a cell with an entity before its digits, and an empty cell. */
function htmlLike() {
  const src = '<td>&nbsp;12</td><td></td>';
  const b = new DraftBuilder();
  b.table([
    [
      { chars: [{ ch: '\u00a0', start: 4, end: 10 }, { ch: '1', start: 10, end: 11 }, { ch: '2', start: 11, end: 12 }] },
      { chars: [], insertAt: 21 },
    ],
  ]);
  return { src, ...b.build() };
}

describe('source map', () => {
  test('a table row is one TAB line; NBSP-only padding is dropped; offsets map one to one inside a run', () => {
    const { src, text, map } = htmlLike();
    assert.equal(text, '12\t\n\n');
    assert.equal(map.toSource(0), 10);
    assert.equal(map.toSource(1), 11);
    assert.equal(map.toSource(2), 12, 'the end of the run');
    assert.equal(src.slice(map.toSource(0)!, map.toSource(2)!), '12');
    assert.equal(map.toDraft(11), 1);
  });

  test('edits: digits inside a run map; an insertion into the empty cell goes to its mark; an edit across a gap is refused', () => {
    const { src, map } = htmlLike();
    assert.deepEqual(map.toSourceEdits(0, 2), [{ part: undefined, start: 10, end: 12 }]);
    assert.deepEqual(map.toSourceEdits(3, 3), [{ part: undefined, start: 21, end: 21, insert: undefined }]);
    assert.equal(src.slice(0, 21) + '7' + src.slice(21), '<td>&nbsp;12</td><td>7</td>');
    assert.equal(map.toSourceEdits(0, 3), null, 'across the TAB: no source for it');
  });

  test('an entity maps as a whole: an edit inside it is refused', () => {
    const b = new DraftBuilder();
    b.paragraph([{ ch: 'a', start: 0, end: 1 }, { ch: '&', start: 1, end: 6 }, { ch: 'b', start: 6, end: 7 }]);
    const { text, map } = b.build();
    assert.equal(text, 'a&b\n');
    assert.equal(map.toSource(1), 1);
    assert.equal(map.toSourceEdits(1, 2), null);
    assert.deepEqual(map.toSourceEdits(2, 3), [{ part: undefined, start: 6, end: 7 }]);
  });

  test('a number split over two runs (two w:t) maps to two spans: the first gets the digits, the second is emptied', () => {
    const b = new DraftBuilder();
    const origin = { part: 'word/document.xml' };
    b.table([[{ chars: [{ ch: '1', start: 100, end: 101 }, { ch: '5', start: 140, end: 141 }, { ch: '4', start: 141, end: 142 }], origin }]]);
    const { text, map } = b.build();
    assert.equal(text, '154\n\n');
    assert.deepEqual(map.toSourceEdits(0, 3), [
      { part: 'word/document.xml', start: 100, end: 101 },
      { part: 'word/document.xml', start: 140, end: 142 },
    ]);
  });

  test('locations without source offsets (PDF page, sheet cell) are found for any offset of their text', () => {
    const map = new SourceMap([
      { draftStart: 0, draftEnd: 5, where: { kind: 'pdf', page: 1 } },
      { draftStart: 6, draftEnd: 9, where: { kind: 'pdf', page: 2 } },
    ]);
    assert.deepEqual(map.whereAt(0), { kind: 'pdf', page: 1 });
    assert.deepEqual(map.whereAt(5), { kind: 'pdf', page: 1 }, 'just after a text: that text');
    assert.deepEqual(map.whereAt(7), { kind: 'pdf', page: 2 });
    assert.equal(map.toSource(7), undefined);
  });
});
