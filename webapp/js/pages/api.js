// Tandem's HTTP API as the pages use it: JSON in and out, errors as exceptions with the server's words.

/** Where Tandem is served from (its context root), whatever page this is: two levels above this module. */
export const appRoot = new URL('../../', import.meta.url);

/** `fetch` of an API path (relative to Tandem's root: `api/...`), JSON in and out. */
export async function api(path, { method = 'GET', body, link = null } = {}) {
  const headers = body === undefined ? {} : { 'Content-Type': 'application/json' };
  if (link) headers['Tandem-Link'] = link; // a share link's holder shows it
  const response = await fetch(new URL(path, appRoot), {
    method,
    cache: 'no-store',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) {
    const error = new Error(answer?.error ?? `the server answered ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return answer;
}

/** The edits of document `docId` that made revisions from+1 to `to`, oldest first, asking for a page at a time. */
export async function editsOf(docId, from, to, link = null) {
  const all = [];
  while (from + all.length < to) {
    const { edits } = await api(`api/docs/${encodeURIComponent(docId)}/edits?from=${from + all.length}&to=${to}`, { link });
    if (edits.length === 0) break; // the log ends earlier
    all.push(...edits);
  }
  return all;
}
