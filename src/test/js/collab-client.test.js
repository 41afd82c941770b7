// The browser's OT client state machine, driven by scripted server messages and by a small
// in-memory server that orders edits as the real one does (transform against its history).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CollabClient } from '../../../webapp/js/client/collab-client.js';
import { TextOperation, diff } from '../../../webapp/js/ot/text-operation.js';

/** A client bound to a plain string "editor", recording what it sends. */
function harness(clientId = 'me') {
  const h = { text: '', sent: [], peers: [], gaps: 0 };
  h.client = new CollabClient({
    clientId, clientSecret: `${clientId}-secret-0123456789`, name: clientId,
    on: {
      send: null,
      remote: (op) => { h.text = op.apply(h.text); },
      reset: (text) => { h.text = text; },
      peers: (list) => { h.peers = list; },
      gap: () => { h.gaps++; },
      changed: () => {},
    },
  });
  h.connect = () => h.client.connected((m) => h.sent.push(JSON.parse(JSON.stringify(m))));
  h.type = (position, text) => {
    const op = new TextOperation().retain(position).insert(text).retain([...h.text].length - position);
    h.text = op.apply(h.text);
    h.client.localEdit(op);
  };
  h.last = () => h.sent[h.sent.length - 1];
  return h;
}

test('one edit in flight, later typing buffered and sent on the ack', () => {
  const h = harness();
  h.connect();
  assert.deepEqual(h.sent[0], { type: 'join', clientId: 'me', clientSecret: 'me-secret-0123456789', name: 'me' });
  h.client.receive({ type: 'welcome', clientId: 'me', revision: 3, text: 'abc', resuming: false, participants: [] });
  h.type(3, 'd');
  h.type(4, 'e');
  h.type(5, 'f');
  assert.deepEqual(h.sent.slice(1), [{ type: 'edit', revision: 3, seq: 1, op: [3, 'd'] }]);
  assert.equal(h.client.unsent, 3);
  h.client.receive({ type: 'ack', seq: 1, revision: 4 });
  assert.deepEqual(h.last(), { type: 'edit', revision: 4, seq: 2, op: [4, 'ef'] });
  h.client.receive({ type: 'ack', seq: 2, revision: 5 });
  assert.equal(h.client.unsent, 0);
  assert.equal(h.client.serverText, 'abcdef');
});

test('a remote edit is transformed past unacknowledged typing', () => {
  const h = harness();
  h.connect();
  h.client.receive({ type: 'welcome', clientId: 'me', revision: 0, text: 'hello', resuming: false, participants: [] });
  h.type(5, '!'); // in flight
  h.type(6, '?'); // buffered
  h.client.receive({ type: 'edit', revision: 1, clientId: 'bob', seq: 1, op: ['😀', 5] });
  assert.equal(h.text, '😀hello!?');
  h.client.receive({ type: 'ack', seq: 1, revision: 2 });
  assert.deepEqual(h.last(), { type: 'edit', revision: 2, seq: 2, op: [7, '?'] });
});

test('after a lost connection: resumes, resends the in-flight edit with its seq, takes its own edit as the ack', () => {
  const h = harness();
  h.connect();
  h.client.receive({ type: 'welcome', clientId: 'me', revision: 0, text: '', resuming: false, participants: [] });
  h.type(0, 'a');
  h.client.disconnected();
  h.type(1, 'b'); // typed while offline
  assert.equal(h.client.unsent, 2);
  h.sent.length = 0;
  h.connect();
  assert.equal(h.sent[0].lastSeenRevision, 0);
  h.client.receive({ type: 'welcome', clientId: 'me', revision: 0, resuming: true, lastSeq: 1, participants: [] });
  assert.deepEqual(h.sent[1], { type: 'edit', revision: 0, seq: 1, op: ['a'] });
  h.client.receive({ type: 'edit', revision: 1, clientId: 'me', seq: 1, op: ['a'] });
  assert.deepEqual(h.last(), { type: 'edit', revision: 1, seq: 2, op: [1, 'b'] });
  h.client.receive({ type: 'ack', seq: 1, revision: 1 }); // the resend's ack: ignored
  h.client.receive({ type: 'ack', seq: 2, revision: 2 });
  assert.equal(h.client.serverText, 'ab');
  assert.equal(h.text, 'ab');
});

test('a gap in revisions asks for a reconnect and applies nothing', () => {
  const h = harness();
  h.connect();
  h.client.receive({ type: 'welcome', clientId: 'me', revision: 5, text: 'x', resuming: false, participants: [] });
  h.client.receive({ type: 'edit', revision: 7, clientId: 'bob', seq: 9, op: [1, 'y'] });
  assert.equal(h.gaps, 1);
  assert.equal(h.text, 'x');
  h.client.receive({ type: 'edit', revision: 8, clientId: 'bob', seq: 10, op: [2, 'z'] });
  assert.equal(h.gaps, 1, 'the rest of the dropped connection is ignored');
});

for (const applied of [false, true]) {
  test(`a fresh copy keeps the typing (in-flight edit ${applied ? '' : 'not '}applied on the server)`, () => {
    const h = harness();
    h.connect();
    h.client.receive({ type: 'welcome', clientId: 'me', revision: 1, text: 'one two', resuming: false, participants: [] });
    h.type(7, ' three'); // in flight
    h.client.disconnected();
    h.type(0, '> '); // typed offline
    h.connect();
    const fresh = applied ? 'zero one two three' : 'zero one two';
    h.client.receive({ type: 'welcome', clientId: 'me', revision: 40, text: fresh, resuming: false,
      lastSeq: applied ? 1 : undefined, participants: [] });
    assert.equal(h.text, '> zero one two three');
    const edit = h.last();
    assert.equal(edit.type, 'edit');
    assert.equal(edit.revision, 40);
    assert.equal(edit.seq, 2, 'a new seq, never reused');
    assert.equal(TextOperation.fromJSON(edit.op).apply(fresh), '> zero one two three');
  });
}

test('selections go to the server at its revision, and peers show past local typing', () => {
  const h = harness();
  h.connect();
  h.client.receive({ type: 'welcome', clientId: 'me', revision: 0, text: 'abcdef', resuming: false,
    participants: [{ clientId: 'bob', name: 'Bob', color: '#ff0000', selection: [{ anchor: 4, head: 4 }] }] });
  assert.deepEqual(h.peers[0].selection, [{ anchor: 4, head: 4 }]);
  h.type(0, 'XY'); // in flight, not acknowledged
  h.client.localSelection([{ anchor: 5, head: 6 }]);
  assert.deepEqual(h.last(), { type: 'selection', revision: 0, ranges: [{ anchor: 3, head: 4 }] });
  h.client.receive({ type: 'presence', event: 'selection',
    participant: { clientId: 'bob', name: 'Bob', color: '#ff0000', selection: [{ anchor: 1, head: 2 }] } });
  assert.deepEqual(h.peers[0].selection, [{ anchor: 3, head: 4 }]);
  h.client.receive({ type: 'edit', revision: 1, clientId: 'cat', seq: 1, op: ['12345', 6] });
  h.client.receive({ type: 'presence', event: 'joined', participant: { clientId: 'cat', name: 'Cat', color: '#00ff00' } });
  assert.deepEqual(h.peers.find((p) => p.clientId === 'bob').selection, [{ anchor: 8, head: 9 }],
    'remembered selections follow later edits');
  h.client.receive({ type: 'presence', event: 'left', participant: { clientId: 'bob' } });
  assert.deepEqual(h.peers.map((p) => p.clientId), ['cat']);
});

test('many clients typing at random with random delivery converge', () => {
  const server = { text: '', history: [], applied: new Map() };
  const clients = [];
  const inbox = []; // [client index, message] waiting for delivery
  const outbox = []; // [client index, message] waiting for the server
  let seed = 42;
  const random = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  for (let i = 0; i < 5; i++) {
    const h = harness(`c${i}`);
    h.client.connected((m) => outbox.push([i, JSON.parse(JSON.stringify(m))]));
    clients.push(h);
  }
  const serve = (i, m) => {
    if (m.type === 'join') {
      inbox.push([i, { type: 'welcome', clientId: m.clientId, revision: server.history.length, text: server.text, resuming: false, participants: [] }]);
    } else if (m.type === 'edit') {
      let op = TextOperation.fromJSON(m.op);
      for (const past of server.history.slice(m.revision)) op = TextOperation.transform(op, past.op)[0];
      server.text = op.apply(server.text);
      server.history.push({ op, clientId: `c${i}`, seq: m.seq });
      const revision = server.history.length;
      clients.forEach((_, j) => inbox.push([j, j === i ? { type: 'ack', seq: m.seq, revision }
        : { type: 'edit', revision, clientId: `c${i}`, seq: m.seq, op: op.toJSON() }]));
    }
  };
  const pieces = ['a', 'b', '😀', 'é', ' '];
  for (let step = 0; step < 3000; step++) {
    const choice = random(3);
    if (choice === 0 && outbox.length) serve(...outbox.shift());
    else if (choice === 1 && inbox.length) {
      // deliver the oldest message of a random client, keeping each client's order
      const who = inbox[random(inbox.length)][0];
      const at = inbox.findIndex(([j]) => j === who);
      const [j, m] = inbox.splice(at, 1)[0];
      clients[j].client.receive(m);
    } else {
      const h = clients[random(clients.length)];
      if (h.client.revision < 0) continue;
      const length = [...h.text].length;
      if (length > 3 && random(3) === 0) {
        const at = random(length - 1);
        const op = new TextOperation().retain(at).delete(1).retain(length - at - 1);
        h.text = op.apply(h.text);
        h.client.localEdit(op);
      } else {
        h.type(random(length + 1), pieces[random(pieces.length)]);
      }
    }
  }
  while (outbox.length || inbox.length) {
    while (outbox.length) serve(...outbox.shift());
    while (inbox.length) { const [j, m] = inbox.shift(); clients[j].client.receive(m); }
  }
  assert.ok(server.history.length > 150, `only ${server.history.length} edits`);
  for (const h of clients) {
    assert.equal(h.text, server.text);
    assert.equal(h.client.unsent, 0);
  }
});

test('diff finds the one replaced stretch, never splitting a surrogate pair', () => {
  assert.deepEqual(diff('hello world', 'hello brave world').toJSON(), [6, 'brave ', 5]);
  assert.deepEqual(diff('a😀b', 'a😁b').toJSON(), [1, '😁', -1, 1]);
  assert.equal(diff('abc', 'abc').isNoop(), true);
});

test('a client id that is someone else\'s is renewed, and what waited goes again under the new one', () => {
  const h = harness();
  h.connect();
  h.client.receive({ type: 'welcome', clientId: 'me', revision: 0, text: '', resuming: false, participants: [], role: 'editor' });
  h.type(0, 'hi');
  assert.equal(h.client.unsent, 1);
  h.client.renew('fresh', 'fresh-secret-0123456789');
  h.sent.length = 0;
  h.connect();
  assert.deepEqual(h.sent[0], { type: 'join', clientId: 'fresh', clientSecret: 'fresh-secret-0123456789', name: 'me', lastSeenRevision: 0 });
  h.client.receive({ type: 'welcome', clientId: 'fresh', revision: 0, resuming: true, participants: [], role: 'editor' });
  assert.deepEqual(h.last(), { type: 'edit', revision: 0, seq: 1, op: ['hi'] });
});

test('a viewer\'s edit refused as forbidden is taken back', () => {
  const h = harness();
  h.connect();
  h.client.receive({ type: 'welcome', clientId: 'me', revision: 0, text: 'abc', resuming: false, participants: [], role: 'viewer', name: 'Me', color: '#e6194b' });
  assert.equal(h.client.role, 'viewer');
  assert.equal(h.client.shownName, 'Me');
  h.type(3, '!');
  h.client.receive({ type: 'error', code: 'forbidden', fatal: false, message: 'you may view this document, not edit it' });
  assert.equal(h.client.unsent, 0);
  assert.equal(h.text, 'abc');
});

test('a join refused before any welcome is told to the page, and keeps the typing waiting', () => {
  const h = harness();
  const errors = [];
  h.client.on.error = (error) => errors.push(error.code);
  h.connect();
  h.client.receive({ type: 'welcome', clientId: 'me', revision: 0, text: '', resuming: false, participants: [] });
  h.type(0, 'kept');
  h.client.disconnected();
  h.connect();
  h.client.receive({ type: 'error', code: 'forbidden', fatal: true, message: 'no such document, or no access to it' });
  assert.deepEqual(errors, ['forbidden']);
  assert.equal(h.client.unsent, 1);
  assert.equal(h.text, 'kept');
});

test('a page gone with unsent typing: the next one adopts its snapshot, shows the typing and sends it once', () => {
  const gone = harness('me');
  gone.connect();
  gone.client.receive({ type: 'welcome', clientId: 'me', revision: 0, text: 'x', resuming: false, participants: [] });
  gone.type(1, 'a'); // in flight, never acknowledged
  gone.client.disconnected();
  gone.type(2, 'b'); // buffered
  const kept = JSON.parse(JSON.stringify(gone.client.snapshot())); // as the browser's storage keeps it

  const next = new CollabClient({
    clientId: kept.clientId, clientSecret: kept.clientSecret, name: 'me', resume: kept,
    on: { remote: () => {}, reset: () => {}, peers: () => {}, gap: () => {}, changed: () => {} },
  });
  assert.equal(next.localText, 'xab');
  assert.equal(next.unsent, 2);
  const sent = [];
  next.connected((m) => sent.push(JSON.parse(JSON.stringify(m))));
  assert.equal(sent[0].clientId, 'me');
  assert.equal(sent[0].lastSeenRevision, 0);
  // someone else's edit came first: the resent edit keeps its seq, and the server applies it once
  next.receive({ type: 'welcome', clientId: 'me', revision: 0, resuming: true, lastSeq: 0, participants: [] });
  assert.deepEqual(sent[1], { type: 'edit', revision: 0, seq: 1, op: [1, 'a'] });
  next.receive({ type: 'edit', revision: 1, clientId: 'other', seq: 1, op: ['>', 1] });
  next.receive({ type: 'ack', seq: 1, revision: 2 });
  assert.deepEqual(sent[sent.length - 1], { type: 'edit', revision: 2, seq: 2, op: [3, 'b'] });
  next.receive({ type: 'ack', seq: 2, revision: 3 });
  assert.equal(next.serverText, '>xab');
  assert.equal(next.unsent, 0);
});
