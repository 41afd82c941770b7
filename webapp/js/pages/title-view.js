// The editor page's title: the document's title (its id where it has none), in the header and the
// browser's tab; those who may edit it rename it in place. Others' renames show when the page
// looks again (every 30 seconds, and when it comes back into view): titles are not pushed.
import { api } from './api.js';

const LOOK_AGAIN_MS = 30_000;

/**
 * `edited()`: whether the document has been edited (a revision above 0): one the server did not
 * know when last asked is asked about again only then, so that a page left open does not spend
 * its address's failed look-ups (they are bounded) on a document that is not there yet.
 */
export function titleView({ docId, link, changed = () => {}, edited = () => true }) {
  const heading = document.getElementById('document-name');
  const input = document.getElementById('title-input');
  const error = document.getElementById('title-error');
  let title = null;
  let editable = false;
  let unknown = false; // the server answered 404 the last time
  const path = `api/docs/${encodeURIComponent(docId)}`;

  function show(doc) {
    title = doc.title ?? null;
    heading.textContent = title ?? docId;
    heading.title = title ? `${title} (${docId})` : docId;
    document.title = `${title ?? docId} · Tandem`;
    editable = doc.role === 'owner' || doc.role === 'editor';
    heading.classList.toggle('renamable', editable);
    heading.tabIndex = editable ? 0 : -1;
    heading.setAttribute('role', editable ? 'button' : 'heading');
    if (editable) heading.setAttribute('aria-label', `Title: ${title ?? docId}. Rename`);
    else heading.removeAttribute('aria-label');
    changed(title);
  }

  async function lookAgain() {
    if (!input.hidden) return; // not while the person is renaming
    if (unknown && !edited()) return;
    try {
      show(await api(path, { link }));
      unknown = false;
    } catch (failure) {
      unknown = failure.status === 404;
    }
  }

  function startRenaming() {
    if (!editable) return;
    input.value = title ?? '';
    input.placeholder = docId;
    heading.hidden = true;
    input.hidden = false;
    input.focus();
    input.select();
  }

  async function finish(save) {
    if (input.hidden) return;
    if (save && input.value.trim() !== (title ?? '')) {
      try {
        show(await api(`${path}/title`, { method: 'PUT', body: { title: input.value }, link }));
        error.hidden = true;
      } catch (failure) {
        error.textContent = `Not renamed: ${failure.message}`;
        error.hidden = false;
        input.focus();
        return; // the typed title stays, to be corrected
      }
    }
    input.hidden = true;
    heading.hidden = false;
    error.hidden = true;
  }

  heading.addEventListener('click', startRenaming);
  heading.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      startRenaming();
    }
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      finish(true);
    } else if (event.key === 'Escape') {
      finish(false);
    }
  });
  input.addEventListener('blur', () => finish(true));
  document.addEventListener('visibilitychange', () => { if (!document.hidden) lookAgain(); });
  setInterval(lookAgain, LOOK_AGAIN_MS);

  heading.textContent = docId;
  document.title = `${docId} · Tandem`;
  lookAgain();
  return {
    /** The title now (null: none). */
    title: () => title,
    /** Looks again now (after joining: the role may have changed). */
    lookAgain,
  };
}
