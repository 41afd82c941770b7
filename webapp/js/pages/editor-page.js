// The editor page at /d/<docId>: the editor, who is here, and the state of the connection.
import { CollabClient } from '../client/collab-client.js';
import { Connection } from '../client/connection.js';
import { dropUnsent, holdClientId, keepUnsent, takeUnsent } from '../client/unsent-store.js';
import { CollabEditor } from '../editor/collab-editor.js';
import { displayName, newClientId, newClientSecret, rememberDocument, setDisplayName } from './identity.js';
import { historyView } from './history-view.js';
import { shareView } from './share-view.js';
import { viewOptions } from './view-options.js';
import { titleView } from './title-view.js';
import { download } from './download.js';
import { authorshipView } from './authorship-view.js';
import { chatView } from './chat-view.js';
import { api, appRoot } from './api.js';

/** Edits the server refused: the local text can no longer be followed, start again from the server's. */
const REFUSED_EDIT = new Set(['bad-operation', 'revision-in-future', 'stale-edit']);
/** Refusals the client settles by itself, with nothing to tell (an edit cut smaller and sent again). */
const SETTLED = new Set(['message-too-large']);

const docId = decodeURIComponent(location.pathname.split('/').pop());
const socketUrl = new URL(`../ws/docs/${encodeURIComponent(docId)}`, location.href);
socketUrl.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
const longPollUrl = new URL(`../lp/docs/${encodeURIComponent(docId)}`, location.href);
// ?transport=websocket or ?transport=longpoll: only that one (for tests, and networks known to be hostile)
const transport = new URLSearchParams(location.search).get('transport') ?? 'auto';

const statusView = document.getElementById('connection-status');
const peersView = document.getElementById('peers');
const notice = document.getElementById('notice');
const nameInput = document.getElementById('your-name');
const readOnlyNote = document.getElementById('read-only');

rememberDocument(docId);

let statusTimer;
let lastStatus;

// a share link's token travels in the address's fragment, which never reaches a server or a log
const link = new URLSearchParams(location.hash.slice(1)).get('link');
let view; // the footer, made once the editor is
let authorship; // the authorship colours, likewise
let chat; // the chat, likewise
const titles = titleView({ docId, link, changed: () => view?.retitled(), edited: () => client.revision > 0 });
// typing a page of this document left unsent (reloaded, closed, crashed) is this page's to send
const kept = await takeUnsent(docId);
const me = {
  clientId: kept?.clientId ?? newClientId(), clientSecret: kept?.clientSecret ?? newClientSecret(), link, name: displayName(),
};
if (!kept) holdClientId(me.clientId); // an adopted one is held already
nameInput.value = me.name;

let editor;
let connection;
const client = new CollabClient({
  ...me,
  resume: kept,
  on: {
    remote: (op, clientId) => editor.applyRemote(op, clientId),
    reset: (text) => editor.reset(text),
    peers: (peers) => { editor.showPeers(peers); showPeople(peers); authorship?.peersChanged(); },
    changed: () => { connection?.report(); keepSoon(); },
    chat: (message) => chat.received(message),
    welcomed: () => {
      const viewer = client.role === 'viewer';
      editor.setReadOnly(viewer);
      readOnlyNote.hidden = !viewer;
      sharing.offer(client.role === 'owner');
      titles.lookAgain();
      authorship.joined();
      chat.joined();
      showPeople([...client.participants.values()]);
    },
    error: (error) => {
      if (error.code === 'client-id-taken') {
        dropUnsent(docId, client.clientId);
        client.renew(newClientId(), newClientSecret()); // the next attempt joins under a new id
        holdClientId(client.clientId);
        return;
      }
      if (SETTLED.has(error.code)) return;
      if (error.code === 'forbidden' && error.fatal) {
        notAllowed();
        return;
      }
      showNotice(error.code === 'document-too-large' ? `Not saved, and taken back: ${error.message}` : error.message);
      if (REFUSED_EDIT.has(error.code)) {
        client.discardPending();
        connection.restart();
      }
    },
  },
});
editor = new CollabEditor(document.getElementById('editor'), client, {
  refused: showNotice, changed: () => view?.changed(), edited: (change) => authorship?.edited(change),
});
authorship = authorshipView({ docId, link, client, editor });
chat = chatView({ docId, link, client });
view = viewOptions({ docId, editor, title: () => titles.title() ?? docId });
if (kept) editor.reset(client.localText); // what was typed shows at once; it is sent once connected

// Unsent typing is kept in the browser's storage: at most a second after it changes, every second
// while there is some (so that another page knows this one lives), and as the page goes.
let keeping = null;
let keepingFailed = false;
function keepSoon() {
  if (keeping === null) keeping = setTimeout(keepNow, 1000);
}
function keepNow(closed = false) {
  clearTimeout(keeping);
  keeping = null;
  if (client.unsent === 0) {
    dropUnsent(docId, client.clientId);
  } else if (!keepUnsent(docId, client.snapshot(), { closed }) && !keepingFailed) {
    keepingFailed = true;
    showNotice('This browser will not keep your unsent typing: leave this page open until it is saved.');
  }
}
setInterval(() => { if (client.unsent > 0) keepNow(); }, 1000);
addEventListener('pagehide', () => keepNow(true));
// Leaving with typing unsent asks first: what is kept is sent only when the document is opened again.
addEventListener('beforeunload', (event) => {
  if (client.unsent === 0) return;
  event.preventDefault();
  event.returnValue = ''; // browsers before the standard's preventDefault()
});
connection = new Connection({
  webSocketUrl: socketUrl.href, longPollUrl: longPollUrl.href, client, status: showStatus,
  transport: ['websocket', 'longpoll'].includes(transport) ? transport : 'auto',
});
connection.start();
editor.focus();

nameInput.addEventListener('change', () => {
  const name = nameInput.value.trim().slice(0, 64);
  if (!name || name === client.name) return;
  setDisplayName(name);
  client.name = name;
  connection.restart(); // the others see the new name when this participant joins again
});

document.getElementById('share').addEventListener('click', async (event) => {
  try {
    await navigator.clipboard.writeText(location.href);
    event.target.textContent = 'Copied';
  } catch {
    event.target.textContent = 'Copy the address bar';
  }
  setTimeout(() => { event.target.textContent = 'Copy link'; }, 2000);
});

document.getElementById('download').addEventListener('click', () => download({ docId, link }).catch((error) => {
  showNotice(`Not downloaded: ${error.message}`);
}));

function showStatus(status) {
  lastStatus = status;
  clearTimeout(statusTimer);
  const unsent = status.unsent === 1 ? '1 unsent edit' : `${status.unsent} unsent edits`;
  let text;
  switch (status.state) {
    case 'connected': text = `Connected (${status.transport})`; break;
    case 'connecting': text = 'Connecting…'; break;
    case 'stopped': text = 'Not connected'; break;
    case 'offline': text = `Offline, ${unsent}`; break;
    default: {
      const seconds = Math.max(0, Math.ceil((status.retryAt - Date.now()) / 1000));
      text = seconds > 0 ? `Reconnecting in ${seconds} s` : 'Reconnecting…';
      if (status.unsent > 0) text += `, ${unsent}`;
      statusTimer = setTimeout(() => showStatus(lastStatus), 1000); // count down
    }
  }
  statusView.textContent = text;
  statusView.dataset.state = status.state;
  statusView.dataset.transport = status.transport;
  statusView.dataset.unsent = String(status.unsent);
}

function showPeople(peers) {
  const items = [person(me, true), ...peers.map((peer) => person(peer, false))];
  peersView.replaceChildren(...items);
}

function person(peer, isMe) {
  const item = document.createElement('li');
  item.dataset.clientId = peer.clientId;
  const swatch = document.createElement('span');
  swatch.className = 'swatch';
  const shade = isMe ? client.color : peer.color;
  swatch.style.backgroundColor = /^#[0-9a-fA-F]{6}$/.test(shade ?? '') ? shade : '#888888';
  const name = document.createElement('span');
  name.className = 'name';
  name.textContent = isMe ? client.shownName : peer.name;
  item.append(swatch, name);
  if (isMe) {
    const you = document.createElement('span');
    you.className = 'you';
    you.textContent = '(you)';
    item.append(you);
  }
  return item;
}

function showNotice(message) {
  notice.textContent = message;
  notice.hidden = false;
  setTimeout(() => { notice.hidden = true; }, 8000);
}

/**
 * Not let in: someone not signed in is sent to sign in (and back here after); someone signed in
 * is told, and the page stops trying.
 */
async function notAllowed() {
  const me = await api('api/me').catch(() => null);
  if (me && me.access !== 'link' && !me.signedIn && !link) {
    const next = location.pathname.slice(new URL(appRoot).pathname.length - 1) + location.search;
    location.assign(new URL(`signin?next=${encodeURIComponent(next)}`, appRoot));
    return;
  }
  connection.stop();
  editor.setReadOnly(true);
  notice.textContent = link
    ? 'This link does not open this document (any more). Ask its owner for a new one.'
    : 'There is no such document, or you have no access to it. Ask its owner to share it with you.';
  notice.hidden = false;
}

const sharing = shareView({ docId });
// a signed-in person is shown by their account's name: the name field is a guest's
api('api/me').then((me) => { if (me.signedIn) nameInput.closest('label').hidden = true; }).catch(() => {});
showPeople([]);
historyView({
  docId,
  link,
  currentRevision: () => client.revision,
  canRestore: () => client.role !== 'viewer',
  restore: (text, revision) => {
    editor.replaceText(text);
    showNotice(`Revision ${revision} restored as a new edit: Ctrl-Z takes it back.`);
  },
});

// A small scripting surface (tests, automation): read-only views of the page's state.
window.tandem = Object.freeze({
  docId,
  clientId: me.clientId,
  text: () => editor.text(),
  revision: () => client.revision,
  unsent: () => client.unsent,
  settled: () => client.online && client.unsent === 0,
});
