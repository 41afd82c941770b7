// Conversion between CodeMirror's UTF-16 offsets and protocol code points.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Positions } from '../../../webapp/js/editor/positions.js';

/** What Positions reads of a CodeMirror Text, over a plain string. */
const textOf = (string) => ({ length: string.length, sliceString: (from, to = string.length) => string.slice(from, to) });

test('without astral characters offsets and positions are the same, with no counting', () => {
  const positions = new Positions();
  positions.saw('héllo wörld');
  const doc = textOf('héllo wörld');
  assert.equal(positions.toPosition(doc, 7), 7);
  assert.equal(positions.toOffset(doc, 7), 7);
  assert.equal(positions.count(doc, 2, 9), 7);
});

test('once an emoji is seen, positions count code points', () => {
  const positions = new Positions();
  const string = 'a😀b👩‍👩‍👧c';
  positions.saw(string);
  const doc = textOf(string);
  assert.equal(positions.toPosition(doc, 3), 2); // after the emoji
  assert.equal(positions.toOffset(doc, 2), 3);
  assert.equal(positions.toOffset(doc, 3), 4); // after "b"
  assert.equal(positions.count(doc, 0, string.length), [...string].length);
  assert.equal(positions.advance(doc, 4, 5), string.length - 1); // the family emoji is 5 code points
  assert.equal(positions.toOffset(doc, 99), string.length, 'clamped to the text');
});
