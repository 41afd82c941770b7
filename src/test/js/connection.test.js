// The browser client's connection against scripted WebSockets and HTTP: WebSocket first, long
// polling when WebSocket never gets through but the server answers, back to WebSocket when a
// probe gets through, reconnects with growing, jittered delays, typing kept while disconnected.
import { test, mock, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { Connection } from '../../../webapp/js/client/connection.js';
import { CollabClient } from '../../../webapp/js/client/collab-client.js';
import { TextOperation } from '../../../webapp/js/ot/text-operation.js';
import { FakeSocket, fakeBrowser, fakeFetch, settle } from './fake-network.js';

const WELCOME = { type: 'welcome', clientId: 'ada', revision: 0, text: '', resuming: false, participants: [] };
let server;
let client;
let statuses;
let connection;
let random;

beforeEach(() => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  random = Math.random;
  fakeBrowser();
  server = fakeFetch();
  statuses = [];
  client = new CollabClient({
    clientId: 'ada', clientSecret: 'ada-secret-0123456789', name: 'Ada',
    on: { remote: () => {}, reset: () => {}, peers: () => {}, changed: () => {} },
  });
  connection = new Connection({
    webSocketUrl: 'ws://tandem.test/ws/docs/notes', longPollUrl: '/lp/docs/notes', client,
    status: (status) => statuses.push(status),
  });
});

afterEach(() => {
  connection.stopped = true;
  Math.random = random;
  mock.timers.reset();
});

const lastStatus = () => statuses[statuses.length - 1];

/** Lets the retry timer fire, whatever delay it drew. */
function afterRetry() {
  mock.timers.tick(15000);
}

/** Starts, and has WebSocket fail twice before any handshake; returns the HTTP probe that follows. */
async function webSocketBlocked() {
  connection.start();
  FakeSocket.last().drop(); // the handshake fails: a proxy that drops the upgrade
  afterRetry();
  assert.equal(FakeSocket.all.length, 2, 'WebSocket is tried again first');
  FakeSocket.last().drop();
  return server.take('HEAD');
}

test('WebSocket first; typing while it is down is kept and sent when it comes back', () => {
  connection.start();
  const first = FakeSocket.last();
  assert.equal(first.url, 'ws://tandem.test/ws/docs/notes');
  assert.equal(first.protocol, 'tandem.v1');
  assert.equal(lastStatus().state, 'connecting');
  first.open();
  assert.deepEqual(first.sent, [{ type: 'join', clientId: 'ada', clientSecret: 'ada-secret-0123456789', name: 'Ada' }]);
  first.receive(WELCOME);
  assert.deepEqual(lastStatus(), { state: 'connected', transport: 'WebSocket', retryAt: null, unsent: 0 });

  mock.timers.tick(20000); // long enough that its end is no sign of a blocked WebSocket
  first.drop();
  assert.equal(lastStatus().state, 'reconnecting');
  client.localEdit(new TextOperation().insert('hi'));
  assert.equal(client.unsent, 1);

  afterRetry();
  const second = FakeSocket.last();
  assert.notEqual(second, first);
  second.open();
  assert.deepEqual(second.sent[0], { type: 'join', clientId: 'ada', clientSecret: 'ada-secret-0123456789', name: 'Ada', lastSeenRevision: 0 });
  second.receive({ type: 'welcome', clientId: 'ada', revision: 0, resuming: true, participants: [] });
  assert.deepEqual(second.sent[1], { type: 'edit', revision: 0, seq: 1, op: ['hi'] });
  second.receive({ type: 'ack', seq: 1, revision: 1 });
  assert.equal(lastStatus().state, 'connected');
  assert.equal(lastStatus().unsent, 0);
});

test('falls back to long polling when WebSocket never gets through but the server answers', async () => {
  const probe = await webSocketBlocked();
  assert.equal(probe.url, 'http://tandem.test/d/notes');
  probe.respond(200);
  const join = await server.take('POST');
  assert.equal(join.url, '/lp/docs/notes');
  assert.equal(JSON.parse(join.body)[0].type, 'join');
  assert.equal(lastStatus().transport, 'long polling');
  join.respond(200, { session: 's1' });
  (await server.take('GET')).respond(200, { seq: 1, messages: [WELCOME] });
  await settle();
  assert.equal(lastStatus().state, 'connected');
  assert.equal(lastStatus().transport, 'long polling');
  assert.equal(FakeSocket.all.length, 2, 'no WebSocket meanwhile');
});

test('a server that does not answer at all keeps being tried over WebSocket', async () => {
  (await webSocketBlocked()).fail(); // the server is down, not WebSocket blocked
  await settle();
  assert.equal(lastStatus().state, 'reconnecting');
  assert.equal(lastStatus().transport, 'WebSocket');
  afterRetry();
  assert.equal(FakeSocket.all.length, 3);
  assert.equal(server.pending('POST').length, 0, 'no long polling');
});

test('a server that said it was going away is restarting: failing WebSockets then are no reason to leave', async () => {
  connection.start();
  const first = FakeSocket.last();
  first.open();
  first.receive(WELCOME);
  first.drop(1001); // the server is stopping
  for (let attempt = 0; attempt < 3; attempt++) {
    afterRetry();
    FakeSocket.last().drop(); // the handshake fails while it is down
  }
  await settle();
  assert.equal(server.requests.length, 0, 'never asked whether to switch');
  assert.equal(lastStatus().transport, 'WebSocket');
  afterRetry();
  const back = FakeSocket.last();
  back.open();
  back.receive({ ...WELCOME, resuming: true });
  assert.equal(lastStatus().state, 'connected');
  assert.equal(lastStatus().transport, 'WebSocket');
});

test('a document that turns people away is no reason to leave WebSocket', () => {
  connection.start();
  for (let attempt = 0; attempt < 3; attempt++) {
    const socket = FakeSocket.last();
    socket.open();
    socket.receive({ type: 'error', code: 'document-full', fatal: true, message: 'try again later' });
    socket.drop(1013);
    afterRetry();
  }
  assert.equal(FakeSocket.all.length, 4);
  assert.equal(server.requests.length, 0, 'never asked whether to switch');
});

test('on long polling, a WebSocket probe that gets through brings the connection back to WebSocket', async () => {
  (await webSocketBlocked()).respond(200);
  const join = await server.take('POST');
  join.respond(200, { session: 's1' });
  const poll = await server.take('GET');
  poll.respond(200, { seq: 1, messages: [WELCOME] });
  await settle();
  const sockets = FakeSocket.all.length;

  mock.timers.tick(30000); // the first probe comes 15 to 30 s after the switch
  const probe = FakeSocket.last();
  assert.equal(FakeSocket.all.length, sockets + 1);
  probe.open();
  assert.ok(probe.closed, 'the probe itself is closed');
  const back = FakeSocket.last();
  assert.notEqual(back, probe);
  back.open();
  assert.equal(back.sent[0].type, 'join');
  assert.equal(back.sent[0].lastSeenRevision, 0);
  assert.equal(lastStatus().transport, 'WebSocket');
});

test('reconnect delays double from half a second up to 15 s, each drawn from its upper half', async () => {
  Math.random = () => 0.999999; // the top of each range
  connection.start();
  const delays = [];
  for (let attempt = 0; attempt < 7; attempt++) {
    FakeSocket.last().drop(); // the server is down: no handshake ...
    if (attempt > 0) (await server.take('HEAD')).fail(); // ... and no answer over plain HTTP either
    await settle();
    delays.push(Math.round((lastStatus().retryAt - Date.now()) / 100) * 100);
    mock.timers.tick(lastStatus().retryAt - Date.now());
  }
  assert.deepEqual(delays, [500, 1000, 2000, 4000, 8000, 15000, 15000]);
  assert.equal(FakeSocket.all.length, 8);
});
