// Tandem's HTTP API as the pages use it: JSON in and out, errors as exceptions with the server's words.

/** `fetch` of an API path (relative to the site's root), JSON in and out. */
export async function api(path, { method = 'GET', body } = {}) {
  const response = await fetch(new URL(path, document.baseURI), {
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
