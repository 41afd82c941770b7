// The editor page's history view: the text at any revision, with what changed since an earlier
// one marked (insertions and deletions, with their authors and times), a slider and a player that
// step through the edits, and restoring a revision's text as a new edit on top. Shown as text,
// never as markup.
import { AttributedText } from '../ot/attributed-text.js';
import { api, editsOf } from './api.js';

const MOST_EDITS = 20_000; // changes across more revisions than this are shown as text alone
/** A step of the player: slower for a short history, never longer than about ten seconds in all. */
const playStep = (revisions) => Math.max(40, Math.min(350, 10_000 / Math.max(1, revisions)));

export function historyView({ docId, currentRevision, link = null, restore, canRestore }) {
  const dialog = document.getElementById('history-dialog');
  const number = document.getElementById('history-revision');
  const since = document.getElementById('history-from');
  const slider = document.getElementById('history-slider');
  const latest = document.getElementById('history-latest');
  const text = document.getElementById('history-text');
  const summary = document.getElementById('history-summary');
  const play = document.getElementById('history-play');
  const restoreButton = document.getElementById('history-restore');
  const path = `api/docs/${encodeURIComponent(docId)}`;
  let shown = null;
  let shownText = '';
  let player = null;

  const authorOf = (edit) => edit.authorName ?? edit.author ?? 'a guest';
  const timeOf = (iso) => new Date(iso).toLocaleString();

  async function show(revision, from) {
    const key = `${from}-${revision}`;
    if (key === shown) return;
    shown = key;
    number.value = String(revision);
    slider.value = String(revision);
    since.value = String(from);
    try {
      const base = (await api(`${path}/revisions/${from}`, { link })).text;
      const changes = revision - from <= MOST_EDITS ? await editsOf(docId, from, revision, link) : null;
      if (key !== shown) return; // a later pick won
      if (changes === null) {
        shownText = (await api(`${path}/revisions/${revision}`, { link })).text;
        text.replaceChildren(shownText);
        summary.textContent = `Too many edits between revisions ${from} and ${revision} to mark them.`;
        return;
      }
      const change = new AttributedText(base, { keepDeleted: true });
      for (const edit of changes) change.apply(edit.op, authorOf(edit), edit.time);
      shownText = change.text();
      text.replaceChildren(...change.pieces.map(render));
      summary.textContent = describe(from, revision, changes);
    } catch (error) {
      if (key !== shown) return;
      shownText = null;
      text.replaceChildren('This revision is not available.');
      summary.textContent = error.message;
    }
  }

  function render(piece) {
    if (piece.kind === 'kept') return piece.text;
    const mark = document.createElement(piece.kind === 'inserted' ? 'ins' : 'del');
    mark.textContent = piece.text;
    const until = piece.until && piece.until !== piece.at ? ` to ${timeOf(piece.until)}` : '';
    mark.title = `${piece.kind} by ${piece.by}, ${timeOf(piece.at)}${until}`;
    return mark;
  }

  function describe(from, to, changes) {
    if (from === to) return `Revision ${to}.`;
    const authors = [...new Set(changes.map(authorOf))];
    const span = changes.length === 0 ? ''
      : `, ${timeOf(changes[0].time)}${changes.length > 1 ? ` to ${timeOf(changes[changes.length - 1].time)}` : ''}`;
    return `Changes from revision ${from} to ${to}: ${changes.length} ${changes.length === 1 ? 'edit' : 'edits'}`
      + ` by ${authors.join(', ')}${span}.`;
  }

  function stopPlaying() {
    clearInterval(player);
    player = null;
    play.textContent = 'Play';
  }

  const bounded = (value, max) => Math.min(max, Math.max(0, Math.floor(Number(value) || 0)));
  /** Shows `revision`, with the changes of its own edit marked (the way the slider and the player move). */
  const step = (revision) => show(revision, Math.max(0, revision - 1));

  document.getElementById('history').addEventListener('click', () => {
    const revision = Math.max(0, currentRevision());
    for (const input of [number, since, slider]) input.max = String(revision);
    latest.textContent = `of ${revision}`;
    restoreButton.hidden = !canRestore();
    shown = null;
    step(revision);
    dialog.showModal();
  });
  dialog.addEventListener('close', stopPlaying);
  // a revision picked shows its own edit's changes; "changes since" widens that to an earlier one
  const pickRevision = () => step(bounded(number.value, Number(number.max)));
  const pickSince = () => {
    const revision = bounded(number.value, Number(number.max));
    show(revision, Math.min(revision, bounded(since.value, Number(since.max))));
  };
  for (const [input, pick] of [[number, pickRevision], [since, pickSince]]) {
    input.addEventListener('change', pick);
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault(); // Enter picks the revision; it does not close the dialog
        pick();
      }
    });
  }
  slider.addEventListener('input', () => { stopPlaying(); step(Number(slider.value)); });
  play.addEventListener('click', () => {
    if (player !== null) {
      stopPlaying();
      return;
    }
    let revision = Number(slider.value) >= Number(slider.max) ? 0 : Number(slider.value);
    play.textContent = 'Pause';
    step(revision);
    player = setInterval(() => {
      if (revision >= Number(slider.max)) {
        stopPlaying();
        return;
      }
      revision += 1;
      step(revision);
    }, playStep(Number(slider.max) - revision));
  });
  restoreButton.addEventListener('click', () => {
    if (shownText === null) return;
    const revision = Number(number.value);
    restore(shownText, revision);
    dialog.close();
  });
}
