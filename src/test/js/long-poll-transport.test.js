// The long-polling transport against a scripted server: numbered frames acknowledged and
// delivered once, messages posted in order, proxies that give up, and the ways a session ends.
import { test, mock, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { LongPollTransport } from '../../../webapp/js/client/long-poll-transport.js';
import { fakeFetch, settle } from './fake-network.js';

const URL = '/lp/docs/notes';
let server;
let transport;
let events;

beforeEach(() => {
  mock.timers.enable({ apis: ['setTimeout'] });
  server = fakeFetch();
  events = { opened: 0, received: [], closed: null };
  transport = new LongPollTransport(URL);
  transport.open({
    opened: () => { events.opened++; },
    received: (messages) => { events.received.push(...messages); },
    closed: (close) => { events.closed = close; },
  });
});

afterEach(() => {
  transport.close();
  mock.timers.reset();
});

/** Joins and answers the join with session s1; returns the first poll. */
async function joined() {
  await settle();
  transport.send({ type: 'join', clientId: 'ada' });
  (await server.take('POST')).respond(200, { session: 's1' });
  return server.take('GET');
}

test('the join opens a session; polls acknowledge each frame and get each one once', async () => {
  await settle();
  assert.equal(events.opened, 1);
  transport.send({ type: 'join', clientId: 'ada' });
  const join = await server.take('POST');
  assert.equal(join.url, URL);
  assert.equal(join.body, '[{"type":"join","clientId":"ada"}]');
  assert.equal(join.headers['Tandem-Session'], undefined);
  join.respond(200, { session: 's1' });

  const first = await server.take('GET');
  assert.equal(first.url, `${URL}?ack=0`);
  assert.equal(first.headers['Tandem-Session'], 's1');
  first.respond(200, { seq: 1, messages: [{ type: 'welcome', revision: 0 }] });

  const second = await server.take('GET');
  assert.equal(second.url, `${URL}?ack=1`);
  // the server did not hear the acknowledgement (the answer was lost): the same frame again
  second.respond(200, { seq: 1, messages: [{ type: 'welcome', revision: 0 }] });
  const third = await server.take('GET');
  assert.equal(third.url, `${URL}?ack=1`);
  third.respond(200, { seq: 2, messages: [{ type: 'ack', seq: 1, revision: 1 }, { type: 'edit', revision: 2 }] });
  const fourth = await server.take('GET');
  assert.equal(fourth.url, `${URL}?ack=2`);
  fourth.respond(200, { seq: 2, messages: [] }); // the hold time is over: nothing new

  await server.take('GET');
  assert.deepEqual(events.received.map((m) => m.type), ['welcome', 'ack', 'edit']);
  assert.equal(events.closed, null);
});

test('messages sent while a request is under way leave together in the next one, in order', async () => {
  await joined();
  transport.send({ type: 'edit', seq: 1 });
  const firstPost = await server.take('POST');
  transport.send({ type: 'edit', seq: 2 });
  transport.send({ type: 'selection', revision: 1 });
  assert.equal(server.pending('POST').length, 0, 'one request at a time');
  firstPost.respond(204);
  const secondPost = await server.take('POST');
  assert.deepEqual(JSON.parse(secondPost.body), [{ type: 'edit', seq: 2 }, { type: 'selection', revision: 1 }]);
  assert.equal(secondPost.headers['Tandem-Session'], 's1');
});

test('a proxy that gives up waiting is polled again; three failures in a row end the connection', async () => {
  const poll = await joined();
  poll.respond(504);
  await settle();
  mock.timers.tick(1000);
  (await server.take('GET')).fail();
  await settle();
  mock.timers.tick(1000);
  assert.equal(events.closed, null, 'two failures: still trying');
  (await server.take('GET')).fail();
  await settle();
  assert.deepEqual(events.closed, { code: 1006, opened: true });
  mock.timers.tick(1000);
  await settle();
  assert.equal(server.pending('GET').length, 0, 'no poll after the end');
});

test('an answer with close ends the session with its code, after its messages', async () => {
  const poll = await joined();
  poll.respond(200, { seq: 1, messages: [{ type: 'error', code: 'document-full', fatal: true }],
    close: { code: 1013, reason: 'full' } });
  await settle();
  assert.deepEqual(events.received.map((m) => m.code), ['document-full']);
  assert.deepEqual(events.closed, { code: 1013, opened: true });
  assert.equal(server.pending('GET').length, 0);
});

test('a session the server no longer knows ends with the close it gives', async () => {
  await joined();
  transport.send({ type: 'edit', seq: 1 });
  (await server.take('POST')).respond(410, { seq: 0, messages: [], close: { code: 1001, reason: 'no such session' } });
  await settle();
  assert.deepEqual(events.closed, { code: 1001, opened: true });
});

test('a join the server turns away ends before any session', async () => {
  await settle();
  transport.send({ type: 'join', clientId: 'ada' });
  (await server.take('POST')).respond(503, { seq: 0, messages: [], close: { code: 1013, reason: 'try again later' } });
  await settle();
  assert.deepEqual(events.closed, { code: 1013, opened: false });
});

test('leaving says so in a request that outlives the page, and polls no more', async () => {
  const poll = await joined();
  transport.leave();
  const leave = await server.take('POST');
  assert.equal(leave.keepalive, true);
  assert.equal(leave.headers['Tandem-Session'], 's1');
  assert.deepEqual(JSON.parse(leave.body), [{ type: 'leave' }]);
  poll.respond(200, { seq: 1, messages: [{ type: 'edit' }] });
  await settle();
  assert.equal(server.pending('GET').length, 0, 'the poll under way was the last');
});
