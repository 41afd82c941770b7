// Who wrote what, and what changed between revisions, moved through operations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AttributedText } from '../../../webapp/js/ot/attributed-text.js';
import { TextOperation } from '../../../webapp/js/ot/text-operation.js';

test('authorship follows inserts and deletes, by code points', () => {
  const text = new AttributedText('hello world', { by: 'ada' });
  text.apply([5, ' 🚀 dear', 6], 'bob');
  assert.equal(text.text(), 'hello 🚀 dear world');
  assert.deepEqual(text.runs(), [{ length: 5, by: 'ada' }, { length: 7, by: 'bob' }, { length: 6, by: 'ada' }]);
  text.apply([6, -2, 'my', 10], 'cat'); // replaces "🚀 " (two code points) with "my"
  assert.equal(text.text(), 'hello mydear world');
  assert.deepEqual(text.runs().map((r) => r.by), ['ada', 'bob', 'cat', 'bob', 'ada']); // bob's space stays his
});

test('a change shows what was deleted and inserted, and what was typed then deleted shows not at all', () => {
  const change = new AttributedText('one two three', { keepDeleted: true });
  change.apply([4, -3, 'TWO', 6], 'ada', 't1');
  change.apply([13, ' four'], 'bob', 't2');
  change.apply([13, -5], 'bob', 't3'); // bob takes his own words back
  change.apply([13, '!'], 'cat', 't4');
  assert.equal(change.text(), 'one TWO three!');
  assert.deepEqual(change.pieces.map((p) => [p.kind, p.text, p.by]), [
    ['kept', 'one ', null], ['deleted', 'two', 'ada'], ['inserted', 'TWO', 'ada'], ['kept', ' three', null],
    ['inserted', '!', 'cat'],
  ]);
});

test('random edits: the visible text is always what the operations make, and lengths add up', () => {
  let seed = 7;
  const random = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const letters = ['a', 'b', 'é', '🚀', '\n'];
  let plain = 'start';
  const tracked = new AttributedText(plain, { by: 'x', keepDeleted: true });
  const authorship = new AttributedText(plain, { by: 'x' });
  for (let i = 0; i < 400; i++) {
    const length = [...plain].length;
    const at = random(length + 1);
    const remove = random(Math.min(3, length - at) + 1);
    const insert = Array.from({ length: random(3) }, () => letters[random(letters.length)]).join('');
    const op = new TextOperation().retain(at).delete(remove).insert(insert).retain(length - at - remove);
    plain = op.apply(plain);
    tracked.apply(op.ops, `p${i % 3}`, i);
    authorship.apply(op.ops, `p${i % 3}`, i);
    assert.equal(tracked.text(), plain);
    assert.equal(authorship.text(), plain);
    assert.equal(authorship.runs().reduce((sum, run) => sum + run.length, 0), [...plain].length);
  }
});

test('text deleted and then replaced at the same place shows first, then what replaced it', () => {
  const change = new AttributedText('a old b', { keepDeleted: true });
  for (let i = 0; i < 3; i++) change.apply([4 - i, -1, 2], 'bob', `t${i}`); // backspaced from its end
  change.apply([2, 'new', 2], 'bob', 't3');
  assert.deepEqual(change.pieces.map((p) => [p.kind, p.text]),
    [['kept', 'a '], ['deleted', 'old'], ['inserted', 'new'], ['kept', ' b']]);
});

test('an operation that does not fit the text is refused', () => {
  assert.throws(() => new AttributedText('abc').apply([4], 'x'));
  assert.throws(() => new AttributedText('abc').apply([2], 'x'));
});
