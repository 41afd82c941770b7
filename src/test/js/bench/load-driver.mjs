// The comparison benchmark's load driver (docs/benchmarks.md): the same clients, typing the same
// way, against Tandem (speaking docs/protocol.md) or against ShareDB (speaking ShareDB's wire
// protocol, as its client does, with ot-text-unicode operations). Each client types `edits`
// one-character inserts at random places into one document, each after the ack of the one
// before, as an editor does; every client is in the same document. The clients keep no text, only
// the document's revision: every revision inserts one character, so the revision is the length,
// and an insert anywhere up to it is valid at that revision, which the server transforms to the
// latest. So the driver spends its CPU on sockets and JSON, not on text, and the servers are what
// is measured (its own CPU is printed beside theirs). At the end every client must have seen the
// same last revision, one per edit, and the document as the server returns it must hold one
// character per edit. One line per round:
//
//   system=... clients=... edits=... ops_per_s=... ack_p50_ms=... ack_p99_ms=...
//   server_cpu_ms_per_edit=... database_cpu_ms_per_edit=... driver_cpu_ms_per_edit=... converged=true
//
// Arguments, as name=value: system (tandem | sharedb), url (ws://host:port/ for ShareDB; the
// documents' WebSocket address, ws://host:port/ws/docs/, for Tandem), clients, edits, rounds,
// warmup (rounds typed before those, and not reported), server (the server's process id),
// database (the database's process id: its own and its children's CPU), label (the system's name
// in the output).
import { readFileSync, readdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';

const args = Object.fromEntries(process.argv.slice(2).map((arg) => arg.split(/=(.*)/s).slice(0, 2)));
const system = args.system;
const clients = Number(args.clients ?? 1);
const edits = Number(args.edits ?? 1000);
const rounds = Number(args.rounds ?? 3);
// rounds typed first and not reported: a JVM server compiles its hot paths in the first thousands of edits
const warmup = Number(args.warmup ?? 0);
const TICKS_PER_SECOND = 100; // USER_HZ, as /proc reports CPU time
const TEXT_UNICODE = 'http://sharejs.org/types/text-unicode';
// ShareDB's documents start with one character: sharedb-postgres 5.0.1 reads an empty text back
// as no snapshot at all (`row.data || undefined`), and every op on it is then refused
const FIRST = '#';
/** CPU ticks of a process, with its children's when asked (a database's workers). */
function cpuTicks(pid, withChildren) {
  if (!pid) return 0;
  const ticks = (id) => {
    try {
      const fields = readFileSync(`/proc/${id}/stat`, 'utf8').split(') ')[1].split(' ');
      return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
    } catch {
      return { ppid: -1, ticks: 0 };
    }
  };
  let total = ticks(pid).ticks;
  if (withChildren) {
    for (const id of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      const child = ticks(id);
      if (child.ppid === Number(pid)) total += child.ticks;
    }
  }
  return total;
}

/** A refusal or a broken connection ends the run: the figures would mean nothing. */
function fail(error) {
  console.error(`${args.label ?? system}: ${error.message ?? error}`);
  process.exit(1);
}

const randomId = (length) => randomBytes(length).toString('base64url').slice(0, length);
const letter = () => String.fromCharCode(97 + Math.floor(Math.random() * 26));

/** A random place in the text at `revision`, whose length it is. */
function insertAt(revision) {
  return Math.floor(Math.random() * (revision + 1));
}

/** One Tandem participant (docs/protocol.md: join, welcome, edit, ack, edit from others). */
function tandemClient(documentUrl, onAck) {
  return new Promise((joined) => {
    const socket = new WebSocket(documentUrl, 'tandem.v1');
    const participant = { revision: 0, seq: 0, sentAt: 0, latencies: [], socket };
    participant.type = () => {
      const at = insertAt(participant.revision);
      const rest = participant.revision - at;
      const op = at > 0 ? [at, letter()] : [letter()];
      if (rest > 0) op.push(rest);
      participant.seq += 1;
      participant.sentAt = performance.now();
      socket.send(JSON.stringify({ type: 'edit', revision: participant.revision, seq: participant.seq, op }));
    };
    participant.last = () => participant.revision;
    const receive = (message) => {
      if (message.revision > participant.revision) participant.revision = message.revision;
      if (message.type === 'welcome') {
        joined(participant);
      } else if (message.type === 'ack' && message.seq === participant.seq) {
        participant.latencies.push(performance.now() - participant.sentAt);
        onAck(participant);
      } else if (message.type === 'error') {
        fail(new Error(JSON.stringify(message)));
      }
    };
    socket.on('open', () => socket.send(JSON.stringify({
      type: 'join', clientId: randomId(12), clientSecret: randomId(24), name: 'load',
    })));
    socket.on('message', (data) => {
      const parsed = JSON.parse(data.toString());
      if (Array.isArray(parsed)) parsed.forEach(receive); else receive(parsed);
    });
    socket.on('error', fail);
  });
}

/** The document's text as Tandem stores it. */
async function tandemText(documentId) {
  const answer = await fetch(args.url.replace(/^ws/, 'http').replace(/ws\/docs\/$/, `api/docs/${documentId}/text`));
  return answer.ok ? answer.text() : `(${answer.status})`;
}

/**
 * One ShareDB participant, speaking ShareDB's protocol as its client does: handshake, subscribe
 * (the first one creates the document), op, ack (the op's src and seq, without the op), ops of
 * others (a version each; the same op may come twice, before the ack and from the subscription).
 */
function sharedbClient(url, documentId, create, onAck) {
  return new Promise((joined) => {
    const socket = new WebSocket(url);
    const participant = { version: 0, seq: 0, sentAt: 0, latencies: [], socket, src: null };
    const send = (message) => socket.send(JSON.stringify(message));
    participant.type = () => {
      const at = insertAt(participant.version); // the text is the first character and one per op
      participant.seq += 1;
      participant.sentAt = performance.now();
      send({ a: 'op', c: 'docs', d: documentId, v: participant.version, src: participant.src, seq: participant.seq,
        x: {}, op: at > 0 ? [at, letter()] : [letter()] }); // ot-text-unicode refuses a skip of 0
    };
    participant.last = () => participant.version - 1;
    participant.fetch = () => new Promise((fetched) => { participant.fetched = fetched; send({ a: 'f', c: 'docs', d: documentId }); });
    socket.on('open', () => send({ a: 'hs', id: null, protocol: 1, protocolMinor: 1 }));
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString());
      if (message.error) return fail(new Error(JSON.stringify(message.error)));
      if (message.a === 'hs') {
        participant.src = message.id;
        if (create) {
          participant.seq += 1;
          send({ a: 'op', c: 'docs', d: documentId, v: 0, src: participant.src, seq: participant.seq, x: {},
            create: { type: TEXT_UNICODE, data: FIRST } });
        } else {
          send({ a: 's', c: 'docs', d: documentId });
        }
      } else if (message.a === 's') {
        participant.version = message.data.v;
        joined(participant);
      } else if (message.a === 'f') {
        participant.fetched(message.data.data);
      } else if (message.a === 'op') {
        if (message.v + 1 > participant.version) participant.version = message.v + 1;
        const ack = message.src === participant.src && message.seq === participant.seq && !('op' in message);
        if (ack && message.create === undefined && participant.seq === 1 && create) {
          send({ a: 's', c: 'docs', d: documentId }); // created: now follow it
        } else if (ack) {
          participant.latencies.push(performance.now() - participant.sentAt);
          onAck(participant);
        }
      }
    });
    socket.on('error', fail);
  });
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

async function round(number, reported) {
  const documentId = `cmp${Date.now().toString(36)}${number}`;
  const participants = [];
  let done;
  const finished = new Promise((resolve) => { done = resolve; });
  let typing = 0;
  const onAck = (participant) => {
    participant.typed += 1;
    if (participant.typed < edits) {
      participant.type();
    } else if (--typing === 0) {
      done();
    }
  };
  for (let i = 0; i < clients; i++) {
    // ShareDB's first client makes the document; the others join it
    const participant = system === 'tandem'
      ? await tandemClient(args.url + documentId, onAck)
      : await sharedbClient(args.url, documentId, i === 0, onAck);
    participant.typed = 0;
    participants.push(participant);
  }
  const serverBefore = cpuTicks(args.server, false);
  const databaseBefore = cpuTicks(args.database, true);
  const driverBefore = process.cpuUsage();
  const start = performance.now();
  typing = clients;
  participants.forEach((participant) => participant.type());
  await finished;
  const seconds = (performance.now() - start) / 1000;
  const driver = process.cpuUsage(driverBefore);
  const total = clients * edits;
  const perEdit = (ticks) => ((ticks * 1000) / TICKS_PER_SECOND / total).toFixed(3);
  const serverCpu = perEdit(cpuTicks(args.server, false) - serverBefore);
  const databaseCpu = perEdit(cpuTicks(args.database, true) - databaseBefore);
  // let the last broadcasts arrive, then compare every copy
  let converged = false;
  for (let wait = 0; wait < 100 && !converged; wait++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    converged = participants.every((participant) => participant.last() === total);
  }
  const stored = system === 'tandem' ? await tandemText(documentId) : (await participants[0].fetch()).slice(FIRST.length);
  converged &&= [...stored].length === total;
  const latencies = participants.flatMap((participant) => participant.latencies).sort((a, b) => a - b);
  if (reported) console.log(`system=${args.label ?? system} clients=${clients} edits=${edits} ops_per_s=${Math.round(total / seconds)}`
    + ` ack_p50_ms=${percentile(latencies, 0.5).toFixed(2)} ack_p99_ms=${percentile(latencies, 0.99).toFixed(2)}`
    + ` server_cpu_ms_per_edit=${serverCpu} database_cpu_ms_per_edit=${args.database ? databaseCpu : 'n/a'}`
    + ` driver_cpu_ms_per_edit=${((driver.user + driver.system) / 1000 / total).toFixed(3)} converged=${converged}`);
  participants.forEach((participant) => participant.socket.close());
  await new Promise((resolve) => setTimeout(resolve, 200));
}

for (let i = 1; i <= warmup + rounds; i++) {
  await round(i, i > warmup);
}
process.exit(0);
