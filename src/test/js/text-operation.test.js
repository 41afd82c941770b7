// The browser's OT algebra against the vectors the Java algebra also passes
// (src/test/resources/ot-vectors.json, checked in Java by SharedVectorsTest).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { TextOperation, MalformedOperation, codePointLength } from '../../../webapp/js/ot/text-operation.js';

const vectors = JSON.parse(readFileSync(new URL('../resources/ot-vectors.json', import.meta.url), 'utf8'));
const op = (wire) => TextOperation.fromJSON(wire);

test('applies every operation as the server does', () => {
  for (const v of vectors.apply) assert.equal(op(v.op).apply(v.text), v.result, JSON.stringify(v));
});

test('composes every pair as the server does', () => {
  for (const v of vectors.compose) assert.deepEqual(op(v.a).compose(op(v.b)).toJSON(), v.result, JSON.stringify(v));
});

test('transforms every pair as the server does, and the results converge', () => {
  for (const v of vectors.transform) {
    const [aPrime, bPrime] = TextOperation.transform(op(v.a), op(v.b));
    assert.deepEqual(aPrime.toJSON(), v.aPrime, JSON.stringify(v));
    assert.deepEqual(bPrime.toJSON(), v.bPrime, JSON.stringify(v));
    assert.deepEqual(op(v.a).compose(bPrime).toJSON(), op(v.b).compose(aPrime).toJSON());
  }
});

test('moves carets as the server does', () => {
  for (const v of vectors.transformPosition) {
    assert.equal(op(v.op).transformPosition(v.position, v.afterInsertsHere), v.result, JSON.stringify(v));
  }
});

test('refuses what the server refuses', () => {
  for (const v of vectors.malformed) assert.throws(() => op(v.op), MalformedOperation, JSON.stringify(v));
  assert.throws(() => op('not an array'), MalformedOperation);
  assert.throws(() => op([null]), MalformedOperation);
});

test('builds canonical operations', () => {
  const built = new TextOperation().retain(2).delete(1).insert('a').insert('😀').retain(1).retain(3);
  assert.deepEqual(built.toJSON(), [2, 'a😀', -1, 4]);
  assert.equal(built.baseLength, 7);
  assert.equal(built.targetLength, 8);
  assert.ok(new TextOperation().retain(5).isNoop());
});

test('counts code points, not UTF-16 units', () => {
  assert.equal(codePointLength('a😀e\u0301'), 4);
  assert.equal(op([1, -1, 'x', 2]).apply('😀😀e\u0301'), '😀xe\u0301');
  assert.throws(() => op([3]).apply('😀😀'), MalformedOperation);
});
