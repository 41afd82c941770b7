// Who this browser is: a display name kept between visits (shown for guests only: a signed-in
// person's name comes from their account), and a client id and its secret per page.

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomChoice(list) {
  return list[crypto.getRandomValues(new Uint32Array(1))[0] % list.length];
}

/** A fresh id for this page: edits keep it across reconnects, another tab gets its own. */
export function newClientId() {
  return Array.from({ length: 16 }, () => randomChoice(ID_ALPHABET)).join('');
}

/** The secret that binds this page's client id to it: nobody else can join with that id. */
export function newClientSecret() {
  return Array.from({ length: 32 }, () => randomChoice(ID_ALPHABET)).join('');
}

function remembered(key, make) {
  let value = localStorage.getItem(key);
  if (!value) {
    value = make();
    localStorage.setItem(key, value);
  }
  return value;
}

export function displayName() {
  return remembered('tandem.name', () => `Guest ${100 + Math.floor(Math.random() * 900)}`);
}

export function setDisplayName(name) {
  localStorage.setItem('tandem.name', name);
}


const RECENT_KEY = 'tandem.recent';
const RECENT_LIMIT = 10;

export function recentDocuments() {
  try {
    const list = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]');
    return Array.isArray(list) ? list.filter((id) => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberDocument(docId) {
  const list = [docId, ...recentDocuments().filter((id) => id !== docId)].slice(0, RECENT_LIMIT);
  localStorage.setItem(RECENT_KEY, JSON.stringify(list));
}

/** Document ids the server accepts (docs/protocol.md). */
export const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;
