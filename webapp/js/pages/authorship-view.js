// Authorship colours, on or off (kept in this browser): who wrote each part of the text, worked
// out from the document's stored edits and kept up to date as people type. Typing not yet
// acknowledged is this person's; the stretch it changed is coloured as theirs.
import { AttributedText } from '../ot/attributed-text.js';
import { diff } from '../ot/text-operation.js';
import { editsOf } from './api.js';

const KEY = 'tandem.authors';
/** Colours for authors who are not here now (those here have their own). */
const PALETTE = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#46a0a0', '#f032e6', '#9a6324', '#17becf', '#808000'];

export function authorshipView({ docId, link, client, editor }) {
  const toggle = document.getElementById('opt-authors');
  let tracked = null; // the editor's text, by author: null while off or loading
  let queued = null; // changes made while the history loads
  let drawing = false;

  const nameOf = (clientId) => (clientId === client.clientId ? client.shownName : client.participants.get(clientId)?.name)
    ?? 'someone who left';

  function colorOf(name) {
    if (name === client.shownName) return client.color;
    for (const peer of client.participants.values()) if (peer.name === name) return peer.color;
    let hash = 0;
    for (const c of name) hash = (hash * 31 + c.codePointAt(0)) | 0;
    return PALETTE[Math.abs(hash) % PALETTE.length];
  }

  function draw() {
    if (drawing) return;
    drawing = true;
    requestAnimationFrame(() => {
      drawing = false;
      editor.showAuthors(tracked === null ? [] : tracked.runs().map((run) => ({
        length: run.length, name: run.by, color: run.by === null ? null : colorOf(run.by),
      })));
    });
  }

  async function load() {
    tracked = null;
    queued = [];
    const mine = queued;
    const revision = client.revision;
    const confirmed = client.serverText;
    const shown = editor.text();
    try {
      const text = new AttributedText('');
      for (const edit of await editsOf(docId, 0, revision, link)) {
        text.apply(edit.op, edit.authorName ?? edit.author ?? 'a guest');
      }
      if (queued !== mine) return; // turned off, or started again, meanwhile
      if (text.text() !== confirmed) throw new Error('the history does not match the text');
      text.apply(diff(confirmed, shown).ops, client.shownName);
      for (const change of queued) apply(text, change);
      queued = null;
      tracked = text;
      draw();
    } catch {
      if (queued !== mine) return;
      queued = null;
      toggle.checked = false;
      toggle.title = 'Authorship is not available for this document now';
    }
  }

  function apply(text, change) {
    text.apply(change.op.ops, change.local ? client.shownName : nameOf(change.clientId));
  }

  function set(on) {
    localStorage.setItem(KEY, on ? 'on' : 'off');
    tracked = null;
    queued = null;
    if (on) load();
    else draw();
  }

  toggle.checked = localStorage.getItem(KEY) === 'on';
  toggle.addEventListener('change', () => set(toggle.checked));
  return {
    /** The page joined (again): the history is read anew, if the colours are on. */
    joined: () => { if (toggle.checked) load(); },
    /** A change of the editor's text, as CollabEditor reports it. */
    edited(change) {
      if (!toggle.checked) return;
      if (change.reset || (!change.local && !change.clientId)) {
        load(); // not one person's change: read the history again
        return;
      }
      if (queued !== null) queued.push(change);
      if (tracked !== null) {
        apply(tracked, change);
        draw();
      }
    },
    /** The people here changed: their colours may have. */
    peersChanged: () => { if (tracked !== null) draw(); },
  };
}
