// The editor page's sharing view, for the document's owner: who may open the document (people,
// everyone signed in, links), through /api/docs/{docId}/sharing. Built from text nodes only.
import { api, appRoot } from './api.js';

const ROLE_NAMES = { editor: 'can edit', viewer: 'can view' };

export function shareView({ docId }) {
  const dialog = document.getElementById('share-dialog');
  const grants = document.getElementById('share-grants');
  const links = document.getElementById('share-links');
  const newLink = document.getElementById('share-new-link');
  const error = document.getElementById('share-error');
  const base = `api/docs/${encodeURIComponent(docId)}/sharing`;

  async function act(call) {
    try {
      await call();
      error.hidden = true;
      await refresh();
    } catch (failure) {
      error.textContent = failure.message;
      error.hidden = false;
    }
  }

  function row(text, onRemove, removeLabel) {
    const item = document.createElement('li');
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = text;
    item.append(who);
    if (onRemove) {
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = removeLabel;
      remove.addEventListener('click', () => act(onRemove));
      item.append(remove);
    }
    return item;
  }

  async function refresh() {
    const access = await api(base);
    grants.replaceChildren(
      row(`${access.owner} (owner)`, null),
      ...access.grants.filter((grant) => grant.grantee !== '*').map((grant) => row(
        `${grant.grantee} ${ROLE_NAMES[grant.role] ?? grant.role}`,
        () => api(`${base}/grants/${encodeURIComponent(grant.grantee)}`, { method: 'DELETE' }), 'Remove')),
    );
    const everyone = access.grants.find((grant) => grant.grantee === '*');
    document.querySelector('#share-everyone [name=role]').value = everyone ? everyone.role : '';
    links.replaceChildren(...access.links.map((link) => row(
      `A link that ${ROLE_NAMES[link.role] ?? link.role}${link.expires ? `, until ${new Date(link.expires).toLocaleString()}` : ''}`,
      () => api(`${base}/links/${encodeURIComponent(link.id)}`, { method: 'DELETE' }), 'Revoke')));
  }

  document.getElementById('share-person').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.target;
    act(async () => {
      await api(`${base}/grants/${encodeURIComponent(form.grantee.value.trim())}`,
        { method: 'PUT', body: { role: form.role.value } });
      form.reset();
    });
  });

  document.getElementById('share-everyone').addEventListener('submit', (event) => {
    event.preventDefault();
    const role = event.target.role.value;
    act(() => (role
      ? api(`${base}/grants/*`, { method: 'PUT', body: { role } })
      : api(`${base}/grants/*`, { method: 'DELETE' })));
  });

  document.getElementById('share-link').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.target;
    act(async () => {
      const hours = form.expiresInHours.value;
      const made = await api(`${base}/links`, {
        method: 'POST', body: hours ? { role: form.role.value, expiresInHours: Number(hours) } : { role: form.role.value },
      });
      newLink.value = new URL(made.path.slice(1), appRoot).href;
      newLink.hidden = false;
      newLink.select();
    });
  });

  const button = document.getElementById('sharing');
  button.addEventListener('click', () => {
    newLink.hidden = true;
    act(async () => {});
    dialog.showModal();
  });
  return { offer: (isOwner) => { button.hidden = !isOwner; } };
}
