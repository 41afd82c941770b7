// The documents page: the documents a person may open (owned, shared with them, opened lately in
// this browser), searched by title; starting one, importing a text file, opening one by name
// (offering to create it when there is none), deleting and restoring one's own.
import { DOCUMENT_ID, recentDocuments } from './identity.js';
import { api } from './api.js';
import { themeToggle } from './theme.js';

const documentUrl = (docId) => `d/${encodeURIComponent(docId)}`;
const startError = document.getElementById('start-error');

function showError(element, message) {
  const target = typeof element === 'string' ? document.getElementById(element) : element;
  target.textContent = message;
  target.hidden = !message;
}

// --- light or dark
themeToggle(document.getElementById('theme-toggle'));

// --- starting a document: a new one gets an unguessable name from the server, and belongs to whoever made it
document.getElementById('new-document').addEventListener('click', async () => {
  try {
    const { id } = await api('api/docs', { method: 'POST', body: {} });
    location.assign(documentUrl(id));
  } catch (error) {
    showError(startError, error.message);
  }
});

/** Plain text in UTF-8, or a clear refusal: an imported file is never guessed at. */
async function readText(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new Error(`${file.name} is not text in UTF-8: save it as UTF-8 text and import it again.`);
  }
}

document.getElementById('import-file').addEventListener('change', async (event) => {
  const file = event.target.files[0];
  event.target.value = '';
  if (!file) return;
  try {
    const text = (await readText(file)).replaceAll('\r\n', '\n');
    const { id } = await api('api/docs', { method: 'POST', body: { title: file.name, text } });
    location.assign(documentUrl(id));
  } catch (error) {
    showError(startError, `Not imported: ${error.message}`);
  }
});

// --- opening by name: a name that is not there is offered, not made silently
const offer = document.getElementById('create-offer');
let offered = null;

document.getElementById('open-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  offer.hidden = true;
  const name = document.getElementById('open-name').value.trim();
  const length = [...name].length;
  if (length === 0) {
    showError(startError, 'Type the name of the document to open.');
    return;
  }
  if (length > 64) {
    showError(startError, `A document name has at most 64 characters; this one has ${length}.`);
    return;
  }
  if (!DOCUMENT_ID.test(name)) {
    showError(startError, 'A document name is made of letters (A-Z, a-z), digits, - and _. '
      + 'To find a document by its title, search your documents below.');
    search.value = name;
    showDocuments();
    return;
  }
  showError(startError, '');
  try {
    await api(`api/docs/${encodeURIComponent(name)}`);
    location.assign(documentUrl(name));
  } catch (error) {
    if (error.status !== 404) {
      showError(startError, error.message);
      return;
    }
    offered = name;
    document.getElementById('create-offer-text').textContent = `There is no document named “${name}” that you can open. Create it?`;
    offer.hidden = false;
    document.getElementById('create-offer-yes').focus();
  }
});

document.getElementById('create-offer-yes').addEventListener('click', async () => {
  try {
    await api('api/docs', { method: 'POST', body: { id: offered } });
    location.assign(documentUrl(offered));
  } catch (error) {
    offer.hidden = true;
    showError(startError, error.status === 409
      ? `A document named “${offered}” exists, but you have no access to it: ask its owner to share it with you.`
      : error.message);
  }
});
document.getElementById('create-offer-no').addEventListener('click', () => { offer.hidden = true; });

// --- the list
const search = document.getElementById('search');
const when = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const STEPS = [[60, 'second'], [60, 'minute'], [24, 'hour'], [7, 'day'], [4.35, 'week'], [12, 'month'], [Infinity, 'year']];

function ago(iso) {
  if (!iso) return 'never edited';
  let amount = (new Date(iso).getTime() - Date.now()) / 1000;
  for (const [size, unit] of STEPS) {
    if (Math.abs(amount) < size) return when.format(Math.round(amount), unit);
    amount /= size;
  }
  return iso;
}

function cell(content) {
  const td = document.createElement('td');
  td.append(content);
  return td;
}

function row(doc, me) {
  const tr = document.createElement('tr');
  tr.dataset.docId = doc.id;
  const link = document.createElement('a');
  link.href = documentUrl(doc.id);
  link.textContent = doc.title ?? doc.id;
  link.className = 'title';
  const title = cell(link);
  if (doc.title) {
    const id = document.createElement('span');
    id.className = 'doc-id';
    id.textContent = doc.id;
    title.append(id);
  }
  if (doc.role !== 'owner' && doc.owner) {
    const shared = document.createElement('span');
    shared.className = 'shared';
    shared.textContent = `shared by ${doc.owner}${doc.role === 'viewer' ? ', view only' : ''}`;
    title.append(shared);
  }
  const changed = document.createElement('time');
  if (doc.changed) changed.dateTime = doc.changed;
  changed.textContent = ago(doc.changed);
  changed.title = doc.changed ? new Date(doc.changed).toLocaleString() : '';
  const actions = cell('');
  if (doc.role === 'owner' && me?.signedIn) {
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = 'Delete';
    remove.className = 'delete';
    remove.addEventListener('click', async () => {
      if (!confirm(`Delete “${doc.title ?? doc.id}”? You can restore it for 30 days.`)) return;
      try {
        await api(`api/docs/${encodeURIComponent(doc.id)}`, { method: 'DELETE' });
        showDocuments();
      } catch (error) {
        showError(startError, error.message);
      }
    });
    actions.append(remove);
  }
  tr.append(title, cell(changed), cell(doc.changedBy ?? ''), actions);
  return tr;
}

function deletedRow(doc) {
  const tr = document.createElement('tr');
  tr.dataset.docId = doc.id;
  const name = document.createElement('span');
  name.textContent = doc.title ?? doc.id;
  const restore = document.createElement('button');
  restore.type = 'button';
  restore.textContent = 'Restore';
  restore.className = 'restore';
  restore.addEventListener('click', async () => {
    try {
      await api(`api/docs/${encodeURIComponent(doc.id)}/restore`, { method: 'POST' });
      showDocuments();
    } catch (error) {
      showError(startError, error.message);
    }
  });
  tr.append(cell(name), cell(`deleted ${ago(doc.deleted)}`), cell(restore));
  return tr;
}

let me = null;
let listing = 0;

/** The documents to show: the server's list for a signed-in person, and those opened in this browser. */
async function documents(query) {
  const listed = me?.signedIn ? (await api(`api/docs${query ? `?q=${encodeURIComponent(query)}` : ''}`)).documents : [];
  const known = new Set(listed.map((doc) => doc.id));
  const recent = recentDocuments().filter((id) => DOCUMENT_ID.test(id) && !known.has(id));
  const opened = await Promise.all(recent.map((id) => api(`api/docs/${encodeURIComponent(id)}`).catch(() => null)));
  const needle = (query ?? '').toLowerCase();
  return [...listed, ...opened.filter((doc) => doc && `${doc.title ?? ''} ${doc.id}`.toLowerCase().includes(needle))];
}

async function showDocuments() {
  const mine = ++listing;
  let all;
  try {
    all = await documents(search.value.trim());
  } catch (error) {
    showError(startError, `Your documents could not be listed: ${error.message}`);
    return;
  }
  if (mine !== listing) return; // a later search won
  const live = all.filter((doc) => !doc.deleted);
  const deleted = all.filter((doc) => doc.deleted);
  document.querySelector('#documents tbody').replaceChildren(...live.map((doc) => row(doc, me)));
  document.getElementById('documents').hidden = live.length === 0;
  const empty = document.getElementById('documents-empty');
  empty.hidden = live.length > 0;
  empty.textContent = search.value.trim() ? 'No document has that in its title.' : 'No documents yet: start one above.';
  document.querySelector('#deleted tbody').replaceChildren(...deleted.map(deletedRow));
  document.getElementById('deleted-section').hidden = deleted.length === 0;
}

let searchTimer = null;
search.addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(showDocuments, 200);
});

// --- who is here
me = await api('api/me').catch(() => null);
if (me && me.access !== 'link' && !me.signedIn) location.replace('signin'); // people sign in here
if (me?.signedIn) {
  document.getElementById('who').textContent = `Signed in as ${me.name} (${me.user})`;
  document.getElementById('signout').hidden = false;
} else {
  document.getElementById('documents-heading').textContent = 'Opened lately in this browser';
}
search.hidden = false;
showDocuments();

if (me?.signedIn && me.access === 'accounts') {
  document.getElementById('password-section').hidden = false;
  document.getElementById('password-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    try {
      await api('api/me/password', { method: 'POST', body: { current: form.current.value, password: form.password.value } });
      showError('password-error', '');
      document.getElementById('password-done').textContent = 'Your password is changed.';
      form.reset();
    } catch (error) {
      showError('password-error', error.message);
    }
  });
}
if (me?.admin) {
  document.getElementById('accounts-section').hidden = false;
  document.getElementById('account-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    try {
      await api('api/accounts', {
        method: 'POST',
        body: { username: form.username.value.trim(), name: form.name.value.trim(), password: form.password.value },
      });
      showError('account-error', '');
      document.getElementById('account-done').textContent = `${form.username.value.trim()} can sign in now.`;
      form.reset();
    } catch (error) {
      showError('account-error', error.message);
    }
  });
}
