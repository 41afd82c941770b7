// The home page: start a document, open one by name, go back to one opened recently in this
// browser; who is signed in, and, for administrators, adding a teammate's account.
import { DOCUMENT_ID, recentDocuments } from './identity.js';
import { api } from './api.js';
import './theme.js';

const documentUrl = (docId) => `d/${encodeURIComponent(docId)}`;

function showError(id, message) {
  const error = document.getElementById(id);
  error.textContent = message;
  error.hidden = !message;
}

// a new document gets an unguessable name from the server, and belongs to whoever made it
document.getElementById('new-document').addEventListener('click', async () => {
  try {
    const { id } = await api('api/docs', { method: 'POST', body: {} });
    location.assign(documentUrl(id));
  } catch (error) {
    showError('new-error', error.message);
  }
});

document.getElementById('open-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const name = document.getElementById('open-name').value.trim();
  if (!DOCUMENT_ID.test(name)) {
    showError('open-error', 'A document name is 1 to 64 letters, digits, - or _.');
    return;
  }
  try {
    await api('api/docs', { method: 'POST', body: { id: name } }); // made now, yours
  } catch (error) {
    if (error.status !== 409) { // 409: it exists; whether it may be opened is the document's to say
      showError('open-error', error.message);
      return;
    }
  }
  location.assign(documentUrl(name));
});

const recent = recentDocuments();
if (recent.length > 0) {
  const list = document.getElementById('recent');
  for (const docId of recent) {
    if (!DOCUMENT_ID.test(docId)) continue;
    const link = document.createElement('a');
    link.href = documentUrl(docId);
    link.textContent = docId;
    const item = document.createElement('li');
    item.append(link);
    list.append(item);
  }
  document.getElementById('recent-section').hidden = false;
}

const me = await api('api/me').catch(() => null);
if (me && me.access !== 'link' && !me.signedIn) location.replace('signin'); // people sign in here
if (me?.signedIn) {
  document.getElementById('who').textContent = `Signed in as ${me.name} (${me.user})`;
  document.getElementById('account-bar').hidden = false;
}
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
