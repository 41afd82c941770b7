// Tandem's HTTP API as the pages use it: JSON in and out, errors as exceptions with the server's words.

/** Where Tandem is served from (its context root), whatever page this is: two levels above this module. */
export const appRoot = new URL('../../', import.meta.url);

/** `fetch` of an API path (relative to Tandem's root: `api/...`), JSON in and out. */
export async function api(path, { method = 'GET', body } = {}) {
  const response = await fetch(new URL(path, appRoot), {
    method,
    cache: 'no-store',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
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
