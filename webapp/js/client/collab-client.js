// The client side of docs/protocol.md, free of any transport or editor: the OT client state
// machine (synchronized, awaiting an ack, awaiting with a buffer), resume after a lost
// connection, and presence. Positions here count code points.
import { TextOperation, basePosition, diff } from '../ot/text-operation.js';
import { splitToFit } from './large-edits.js';

/** What an edit message holds besides its operation: {"type":"edit","revision":…,"seq":…,"op":…}. */
const EDIT_ENVELOPE_BYTES = 96;
/** Limits assumed until a server says its own (servers before limits were in the welcome: 64 KB). */
const ASSUMED_LIMITS = Object.freeze({ maxMessageBytes: 32 * 1024, maxDocumentCodePoints: Infinity });
const SMALLEST_MESSAGE_BYTES = 512;

/**
 * One participant's view of one document.
 *
 * The editor reports typing with localEdit() and selection moves with localSelection(); the
 * transport hands over each server message with receive() and says when it (re)connects and
 * disconnects. What the client needs from them goes through the `on` callbacks:
 * - send(message): a message for the server (only called while connected)
 * - remote(op, clientId): apply someone else's edit to the editor (already past local typing);
 *   `clientId` is its author's, absent where the change is not one person's (a rejoin's catch-up,
 *   an edit taken back)
 * - reset(text): replace the editor's text (first welcome)
 * - peers(list): the other participants, selections in local code points
 * - gap(): revisions went missing: reconnect, the join will resume
 * - changed(): anything a status display shows (revision, unsent edits) changed
 * - error(message): the server refused something (an error message)
 * - welcomed(welcome): joined; `role`, `shownName` and `color` say what the server made of it
 * - chat(message): a chat message, stored, for everyone in the document (one's own too)
 *
 * An edit larger than the server's message limit leaves as several edits, one at a time, each
 * under the limit; together they make the same change.
 */
export class CollabClient {
  constructor({ clientId, clientSecret, link = null, name, on, resume = null }) {
    this.clientId = clientId;
    this.clientSecret = clientSecret; // binds the client id to this page: presented at every join
    this.link = link; // a share link's token, if the page was opened with one
    this.name = name; // as asked for; the server decides what others see (`shownName`)
    this.shownName = name;
    this.color = null; // the server's choice
    this.role = null; // "viewer", "editor" or "owner": the server's answer
    this.on = on;
    this.revision = -1; // none yet: no welcome so far
    this.serverText = ''; // the text at `revision`, without local typing
    this.inFlight = null; // { op, seq, revision, edits }
    this.buffer = null; // { op, edits }
    this.lastSeq = 0;
    this.online = false; // joined and welcomed on the current connection
    this.participants = new Map();
    this.selection = null;
    this.limits = ASSUMED_LIMITS;
    if (resume) this.adopt(resume);
  }

  /**
   * What this client would need to go on after the page is gone: the text the server last
   * confirmed, at its revision, and the typing not acknowledged on top of it (JSON-ready).
   */
  snapshot() {
    return {
      clientId: this.clientId,
      clientSecret: this.clientSecret,
      revision: this.revision,
      serverText: this.serverText,
      lastSeq: this.lastSeq,
      inFlight: this.inFlight && { ...this.inFlight, op: this.inFlight.op.toJSON() },
      buffer: this.buffer && { ...this.buffer, op: this.buffer.op.toJSON() },
    };
  }

  /** Goes on from a snapshot of a page that is gone (same client id): its typing is sent as if after a lost connection. */
  adopt(kept) {
    this.revision = kept.revision;
    this.serverText = kept.serverText;
    this.lastSeq = kept.lastSeq;
    this.inFlight = kept.inFlight && { ...kept.inFlight, op: TextOperation.fromJSON(kept.inFlight.op) };
    this.buffer = kept.buffer && { ...kept.buffer, op: TextOperation.fromJSON(kept.buffer.op) };
  }

  /** The text as this page shows it: the server's, with the typing not yet acknowledged. */
  get localText() {
    let text = this.serverText;
    if (this.inFlight) text = this.inFlight.op.apply(text);
    if (this.buffer) text = this.buffer.op.apply(text);
    return text;
  }

  /** Local edits not yet acknowledged by the server. */
  get unsent() {
    return (this.inFlight ? this.inFlight.edits : 0) + (this.buffer ? this.buffer.edits : 0);
  }

  /** A new connection is open: join, resuming from the last revision seen. */
  connected(send) {
    this.send = send;
    this.online = false;
    const join = { type: 'join', clientId: this.clientId, clientSecret: this.clientSecret, name: this.name };
    if (this.link) join.link = this.link;
    if (this.revision >= 0) join.lastSeenRevision = this.revision;
    send(join);
  }

  disconnected() {
    this.send = null;
    this.online = false;
    this.participants.clear();
    this.on.peers([]);
    this.on.changed();
  }

  /** The user typed: `op` applies to the editor's text before the typing. */
  localEdit(op) {
    if (op.isNoop()) return;
    if (this.inFlight === null && this.buffer === null && this.online) {
      this.sendEdit(op, 1);
    } else if (this.buffer === null) {
      this.buffer = { op, edits: 1 }; // waits for the ack, or for the connection
    } else {
      this.buffer = { op: this.buffer.op.compose(op), edits: this.buffer.edits + 1 };
    }
    this.on.changed();
  }

  /** The user's selections moved: ranges of {anchor, head} in the editor's text. */
  /** Sends a chat message to everyone in the document; false when not connected (nothing is sent then). */
  say(text) {
    if (!this.online) return false;
    this.send({ type: 'chat', text });
    return true;
  }

  localSelection(ranges) {
    this.selection = ranges;
    if (!this.online) return;
    const back = (position) => {
      let at = position;
      if (this.buffer) at = basePosition(this.buffer.op, at);
      if (this.inFlight) at = basePosition(this.inFlight.op, at);
      return at;
    };
    this.send({
      type: 'selection',
      revision: this.revision,
      ranges: ranges.map((r) => ({ anchor: back(r.anchor), head: back(r.head) })),
    });
  }

  receive(message) {
    // the rest of a connection being dropped; but an error before the welcome says why a join was refused
    if (message.type !== 'welcome' && message.type !== 'error' && !this.online) return;
    switch (message.type) {
      case 'welcome': return this.welcomed(message);
      case 'ack': return this.acknowledged(message.seq, message.revision);
      case 'edit': return this.remoteEdit(message);
      case 'presence': return this.presence(message.event, message.participant);
      case 'error': return this.refused(message);
      case 'chat': return this.on.chat?.(message);
      default: return undefined; // newer servers may add messages: ignore them
    }
  }

  welcomed(welcome) {
    if (welcome.limits) this.limits = { ...this.limits, ...welcome.limits };
    if (welcome.clientSecret) this.clientSecret = welcome.clientSecret;
    this.role = welcome.role ?? 'editor'; // servers before roles let everyone edit
    this.shownName = welcome.name ?? this.name;
    this.color = welcome.color ?? null;
    this.participants.clear();
    for (const peer of welcome.participants) this.participants.set(peer.clientId, peer);
    if (welcome.resuming) {
      this.online = true;
      if (this.inFlight) {
        // same seq: the server applies it at most once
        this.send({ type: 'edit', revision: this.inFlight.revision, seq: this.inFlight.seq, op: this.inFlight.op });
      }
    } else if (this.revision < 0) {
      this.revision = welcome.revision;
      this.serverText = welcome.text;
      this.on.reset(welcome.text);
      this.online = true;
    } else {
      this.rebaseOnto(welcome);
      this.online = true;
    }
    if (this.inFlight === null && this.buffer !== null) {
      const { op, edits } = this.buffer;
      this.buffer = null;
      this.sendEdit(op, edits);
    }
    this.showPeers();
    if (this.selection) this.localSelection(this.selection);
    this.on.welcomed?.(welcome);
    this.on.changed();
  }

  /**
   * Takes a new client id and secret, for the next join: the old id turned out to be someone
   * else's (`client-id-taken`), so nothing sent under it was applied, and the edits waiting go
   * again under the new one.
   */
  renew(clientId, clientSecret) {
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.lastSeq = 0;
    if (this.inFlight) {
      this.buffer = this.buffer
        ? { op: this.inFlight.op.compose(this.buffer.op), edits: this.inFlight.edits + this.buffer.edits }
        : { op: this.inFlight.op, edits: this.inFlight.edits };
      this.inFlight = null;
    }
  }

  /**
   * A fresh copy while the client was away for too long (or the server lost its history): keep
   * the local typing by transforming it past the difference between the text the client had
   * from the server and the fresh one.
   */
  rebaseOnto(welcome) {
    let base = this.serverText;
    let pending = null;
    let edits = 0;
    if (this.inFlight) {
      const applied = welcome.lastSeq != null && welcome.lastSeq >= this.inFlight.seq;
      if (applied) base = this.inFlight.op.apply(base);
      else { pending = this.inFlight.op; edits = this.inFlight.edits; }
    }
    if (this.buffer) {
      pending = pending ? pending.compose(this.buffer.op) : this.buffer.op;
      edits += this.buffer.edits;
    }
    // what others did meanwhile, as far as the two texts tell
    const others = diff(base, welcome.text);
    let local = others;
    if (pending) [pending, local] = TextOperation.transform(pending, others);
    this.inFlight = null;
    this.buffer = pending && !pending.isNoop() ? { op: pending, edits } : null;
    this.lastSeq = Math.max(this.lastSeq, welcome.lastSeq ?? 0);
    this.revision = welcome.revision;
    this.serverText = welcome.text;
    if (!local.isNoop()) this.on.remote(local);
  }

  acknowledged(seq, revision) {
    if (this.inFlight === null || seq !== this.inFlight.seq) return; // a repeated ack
    this.serverText = this.inFlight.op.apply(this.serverText);
    this.revision = revision;
    this.inFlight = null;
    if (this.buffer !== null && this.online) {
      const { op, edits } = this.buffer;
      this.buffer = null;
      this.sendEdit(op, edits);
    }
    this.on.changed();
  }

  remoteEdit(edit) {
    if (edit.revision <= this.revision) return; // already applied (a replay overlapping the ack)
    if (edit.revision !== this.revision + 1) {
      this.online = false;
      this.on.gap();
      return;
    }
    if (edit.clientId === this.clientId && this.inFlight && edit.seq === this.inFlight.seq) {
      this.acknowledged(edit.seq, edit.revision); // our own edit, applied before the ack was lost
      return;
    }
    let op = TextOperation.fromJSON(edit.op);
    this.serverText = op.apply(this.serverText);
    this.movePeersThrough(op, edit.clientId);
    if (this.inFlight) {
      const [mine, theirs] = TextOperation.transform(this.inFlight.op, op);
      this.inFlight = { ...this.inFlight, op: mine, revision: edit.revision };
      op = theirs;
    }
    if (this.buffer) {
      const [mine, theirs] = TextOperation.transform(this.buffer.op, op);
      this.buffer = { ...this.buffer, op: mine };
      op = theirs;
    }
    this.revision = edit.revision;
    this.on.remote(op, edit.clientId);
    this.on.changed();
  }

  presence(event, participant) {
    if (participant.clientId === this.clientId) return;
    if (event === 'left') this.participants.delete(participant.clientId);
    else this.participants.set(participant.clientId, participant);
    this.showPeers();
  }

  /**
   * The server refused an edit: the local text is no longer one the server can follow. Drops the
   * unsent typing; the next join asks for a fresh copy, which replaces the editor's text.
   */
  discardPending() {
    this.inFlight = null;
    this.buffer = null;
    this.revision = -1;
    this.online = false;
    this.on.changed();
  }

  /** Sends an edit, or its first piece if it is larger than a message may be (the rest waits as the buffer). */
  sendEdit(op, edits) {
    let piece = op;
    let pieceEdits = edits;
    const pieces = splitToFit(op, this.limits.maxMessageBytes - EDIT_ENVELOPE_BYTES);
    if (pieces) {
      [piece] = pieces;
      this.buffer = { op: pieces[1], edits }; // the edits count until their last piece is acknowledged
      pieceEdits = 0;
    }
    this.inFlight = { op: piece, seq: ++this.lastSeq, revision: this.revision, edits: pieceEdits };
    this.send({ type: 'edit', revision: this.revision, seq: this.inFlight.seq, op: piece });
  }

  /**
   * The server refused a message. Refusals that resending cannot cure are settled here, so that
   * nothing loops: an edit too large for a message is cut smaller (the server closes this
   * connection; the pieces leave on the next one); an edit that would make the document too
   * large is taken back, and the typing that followed it kept.
   */
  refused(error) {
    if (error.code === 'message-too-large' && this.inFlight) {
      // refused before it was read, so never applied: it leaves again in smaller pieces
      const maxMessageBytes = Math.max(SMALLEST_MESSAGE_BYTES, Math.floor(this.limits.maxMessageBytes / 2));
      this.limits = { ...this.limits, maxMessageBytes };
      this.buffer = this.buffer
        ? { op: this.inFlight.op.compose(this.buffer.op), edits: this.inFlight.edits + this.buffer.edits }
        : { op: this.inFlight.op, edits: this.inFlight.edits };
      this.inFlight = null;
    } else if ((error.code === 'document-too-large' || (error.code === 'forbidden' && !error.fatal)) && this.inFlight) {
      this.takeBackInFlight(); // too large, or this client may only view: never applied
    }
    this.on.error?.(error);
  }

  /** Undoes the edit in flight, which the server refused, and keeps the typing after it. */
  takeBackInFlight() {
    let undo = this.inFlight.op.invert(this.serverText);
    this.inFlight = null;
    if (this.buffer) {
      const [buffer, undoPastBuffer] = TextOperation.transform(this.buffer.op, undo);
      this.buffer = buffer.isNoop() ? null : { ...this.buffer, op: buffer };
      undo = undoPastBuffer;
    }
    if (!undo.isNoop()) this.on.remote(undo);
    if (this.buffer && this.online) {
      const { op, edits } = this.buffer;
      this.buffer = null;
      this.sendEdit(op, edits);
    }
    this.on.changed();
  }

  /** Peers' selections arrive at the server's revision: show them past the local typing. */
  showPeers() {
    const forward = (position) => {
      let at = position;
      if (this.inFlight) at = this.inFlight.op.transformPosition(at, false);
      if (this.buffer) at = this.buffer.op.transformPosition(at, false);
      return at;
    };
    this.on.peers([...this.participants.values()].map((peer) => ({
      ...peer,
      selection: (peer.selection ?? []).map((r) => ({ anchor: forward(r.anchor), head: forward(r.head) })),
    })));
  }

  /** Keeps the remembered selections at the server's revision, moved as the server moves them. */
  movePeersThrough(op, authorId) {
    for (const peer of this.participants.values()) {
      if (!peer.selection) continue;
      const after = peer.clientId === authorId;
      peer.selection = peer.selection.map((r) => ({
        anchor: op.transformPosition(r.anchor, after),
        head: op.transformPosition(r.head, after),
      }));
    }
  }
}
