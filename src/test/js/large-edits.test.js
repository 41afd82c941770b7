// Edits larger than a message may be: cut into pieces that each fit and together make the same
// change, sent one after the other; refusals that resending cannot cure never loop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextOperation } from '../../../webapp/js/ot/text-operation.js';
import { splitToFit, wireBytes } from '../../../webapp/js/client/large-edits.js';
import { CollabClient } from '../../../webapp/js/client/collab-client.js';

const utf8 = (value) => new TextEncoder().encode(JSON.stringify(value)).length;

/** A random operation on a random text, with some long inserts of every kind of character. */
function randomCase(random) {
  const alphabet = ['a', 'é', '€', '😀', '"', '\\', '\n', '\u0001', ' '];
  const pick = (n) => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
  const text = pick(Math.floor(random() * 50));
  const op = new TextOperation();
  let left = [...text].length;
  while (left > 0 || op.ops.length === 0) {
    const kind = random();
    if (kind < 0.4) op.insert(pick(1 + Math.floor(random() * (random() < 0.2 ? 3000 : 20))));
    if (left === 0) break;
    const span = 1 + Math.floor(random() * left);
    if (kind < 0.7) op.retain(span); else op.delete(span);
    left -= span;
  }
  return { text, op };
}

function seeded(seed) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

test('wireBytes counts what JSON.stringify writes, in UTF-8', () => {
  const random = seeded(7);
  for (let i = 0; i < 200; i++) {
    const { op } = randomCase(random);
    assert.equal(wireBytes(op), utf8(op.toJSON()));
  }
});

test('the pieces of a split edit each fit and together make the same change', () => {
  const random = seeded(11);
  for (let i = 0; i < 300; i++) {
    const { text, op } = randomCase(random);
    const maxBytes = 40 + Math.floor(random() * 400);
    let rest = op;
    let applied = text;
    let pieces = 0;
    for (let split = splitToFit(rest, maxBytes); split; split = splitToFit(rest, maxBytes)) {
      const [first, remainder] = split;
      assert.ok(utf8(first.toJSON()) <= maxBytes, `piece of ${utf8(first.toJSON())} bytes over ${maxBytes}`);
      applied = first.apply(applied);
      rest = remainder;
      pieces++;
      assert.ok(pieces < 10000);
    }
    assert.ok(utf8(rest.toJSON()) <= maxBytes);
    assert.equal(rest.apply(applied), op.apply(text), `case ${i}`);
  }
});

/** A client with a plain string for an editor, recording what it sends. */
function harness(limits) {
  const h = { text: '', sent: [], errors: [] };
  h.client = new CollabClient({
    clientId: 'me', name: 'Me', color: '#112233',
    on: {
      remote: (op) => { h.text = op.apply(h.text); },
      reset: (text) => { h.text = text; },
      peers: () => {},
      changed: () => {},
      error: (error) => h.errors.push(error.code),
    },
  });
  h.client.connected((message) => h.sent.push(JSON.parse(JSON.stringify(message))));
  h.client.receive({ type: 'welcome', clientId: 'me', revision: 0, text: '', resuming: false, participants: [], limits });
  h.type = (position, text) => {
    const op = new TextOperation().retain(position).insert(text).retain([...h.text].length - position);
    h.text = op.apply(h.text);
    h.client.localEdit(op);
  };
  h.edits = () => h.sent.filter((m) => m.type === 'edit');
  /** Acknowledges every edit as it comes, as the server would; returns the text the server has. */
  h.serve = () => {
    let server = '';
    let revision = 0;
    for (let done = 0; done < h.edits().length; done++) {
      const edit = h.edits()[done];
      assert.ok(utf8(edit) <= limits.maxMessageBytes, `an edit of ${utf8(edit)} bytes`);
      server = TextOperation.fromJSON(edit.op).apply(server);
      h.client.receive({ type: 'ack', seq: edit.seq, revision: ++revision });
    }
    return server;
  };
  return h;
}

test('a paste larger than a message leaves in pieces, one at a time, and counts as one unsent edit', () => {
  const h = harness({ maxMessageBytes: 4096, maxDocumentCodePoints: 1_000_000 });
  const paste = 'Lorem ipsum dolor sit amet, 😀 "quoted" \n'.repeat(1000);
  h.type(0, paste);
  assert.equal(h.edits().length, 1, 'one piece in flight');
  assert.equal(h.client.unsent, 1);
  h.type([...paste].length, '!'); // typed while the paste is still leaving
  const server = h.serve();
  assert.ok(h.edits().length > 10);
  assert.equal(server, `${paste}!`);
  assert.equal(h.client.unsent, 0);
  assert.deepEqual(h.edits().map((e) => e.seq), h.edits().map((_, i) => i + 1));
});

test('an edit refused as too large is cut smaller and sent again after reconnecting, not resent as it was', () => {
  const h = harness({ maxMessageBytes: 65536, maxDocumentCodePoints: 1_000_000 });
  h.type(0, 'x'.repeat(60000));
  assert.equal(h.edits().length, 1);
  // a server whose real limit is lower than it said (or an older one): refused, connection closed
  h.client.receive({ type: 'error', code: 'message-too-large', fatal: true, message: 'a message may have at most 20000 bytes' });
  h.client.disconnected();
  assert.equal(h.client.unsent, 1, 'kept');
  h.sent.length = 0;
  h.client.connected((message) => h.sent.push(JSON.parse(JSON.stringify(message))));
  h.client.receive({ type: 'welcome', clientId: 'me', revision: 0, resuming: true, participants: [] });
  const resent = h.edits()[0];
  assert.ok(utf8(resent) <= 65536 / 2, 'half the size');
  assert.equal(resent.seq, 2, 'a new seq: the refused edit was never applied');
  assert.equal(h.errors.length, 1);
});

test('an edit that would make the document too large is taken back; the typing after it stays', () => {
  const h = harness({ maxMessageBytes: 65536, maxDocumentCodePoints: 20 });
  h.type(0, 'hello ');
  h.client.receive({ type: 'ack', seq: 1, revision: 1 });
  h.type(6, 'x'.repeat(30)); // in flight, and too much
  h.type(36, 'world'); // typed after it, buffered
  assert.equal(h.text, `hello ${'x'.repeat(30)}world`);
  h.client.receive({ type: 'error', code: 'document-too-large', fatal: false, message: 'the edit would make the document 36 code points long; the limit is 20' });
  assert.equal(h.text, 'hello world', 'the refused paste is gone from the editor, the rest is there');
  assert.deepEqual(h.edits().pop(), { type: 'edit', revision: 1, seq: 3, op: [6, 'world'] });
  h.client.receive({ type: 'ack', seq: 3, revision: 2 });
  assert.equal(h.client.serverText, 'hello world');
  assert.equal(h.client.unsent, 0);
  assert.deepEqual(h.errors, ['document-too-large']);
});
