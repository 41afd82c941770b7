// Typing not yet acknowledged, kept in the browser's storage so that it survives a reload, a
// closed tab or a crash of the browser: the next page of the same document adopts it (its client
// id, secret and unsent edits) and sends it, applied once by the server's (client id, seq).
// A page that is still open keeps its own: each page holds a lock named after its client id for
// as long as it lives (Web Locks, which the browser releases when the page goes, even in a crash),
// and only a snapshot whose lock is free is adopted. Where the browser has no locks (a page not
// served over https or from localhost), a snapshot is adopted once its page marked it closed
// (pagehide) or stopped refreshing it for STALE_MS (background tabs refresh slowly).

const PREFIX = 'tandem.unsent.';
const STALE_MS = 120_000;

function key(docId, clientId) {
  return `${PREFIX}${docId}.${clientId}`;
}

function lockName(clientId) {
  return `tandem.page.${clientId}`;
}

/** This page is client `clientId` until it goes: no other page adopts what it keeps. */
export function holdClientId(clientId) {
  navigator.locks?.request(lockName(clientId), () => new Promise(() => {}));
}

/** Keeps `state` (CollabClient.snapshot()) for `docId`; false if the browser would not store it. */
export function keepUnsent(docId, state, { closed = false } = {}) {
  try {
    localStorage.setItem(key(docId, state.clientId), JSON.stringify({ ...state, docId, alive: Date.now(), closed }));
    return true;
  } catch {
    return false; // storage full, or forbidden: the page says so
  }
}

export function dropUnsent(docId, clientId) {
  try {
    localStorage.removeItem(key(docId, clientId));
  } catch {
    // nothing kept, nothing to drop
  }
}

/** Takes the lock of `clientId` for this page if no page holds it: true if it was free. */
function adoptable(clientId) {
  return new Promise((resolve) => {
    navigator.locks.request(lockName(clientId), { ifAvailable: true }, (lock) => {
      resolve(lock !== null);
      return lock === null ? undefined : new Promise(() => {}); // held from now on, as this page's
    });
  });
}

/**
 * The unsent typing of a page of `docId` that is gone (closed, reloaded, crashed), taken out of
 * the storage for this page to adopt, with its client id; null if there is none.
 */
export async function takeUnsent(docId) {
  let names;
  try {
    names = Object.keys(localStorage).filter((name) => name.startsWith(`${PREFIX}${docId}.`));
  } catch {
    return null; // no storage: nothing was kept
  }
  for (const name of names) {
    let kept;
    try {
      kept = JSON.parse(localStorage.getItem(name));
    } catch {
      kept = null;
    }
    if (kept?.docId !== docId || typeof kept.clientId !== 'string') continue;
    const gone = navigator.locks ? await adoptable(kept.clientId) : kept.closed || Date.now() - kept.alive > STALE_MS;
    if (!gone) continue;
    localStorage.removeItem(name);
    return kept;
  }
  return null;
}
