// Who this browser is: a display name and colour kept between visits, and a client id per page.

const PALETTE = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#008080', '#9a6324', '#800000', '#808000', '#000075'];
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomChoice(list) {
  return list[crypto.getRandomValues(new Uint32Array(1))[0] % list.length];
}

/** A fresh id for this page: edits keep it across reconnects, another tab gets its own. */
export function newClientId() {
  return Array.from({ length: 16 }, () => randomChoice(ID_ALPHABET)).join('');
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

export function color() {
  return remembered('tandem.color', () => randomChoice(PALETTE));
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
