// Test support for the browser client's transports under Node: a scripted server behind fetch
// and WebSocket, whose every request or socket the test answers by hand, and the few browser
// globals the connection reads.

/** Lets pending promise callbacks run (the transports await fetch and its body). */
export async function settle() {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Replaces fetch: each request waits until the test answers it. */
export function fakeFetch() {
  const requests = [];
  globalThis.fetch = (url, init = {}) => new Promise((resolve, reject) => {
    const request = {
      method: init.method ?? 'GET',
      url: String(url),
      headers: init.headers ?? {},
      body: init.body,
      keepalive: init.keepalive === true,
      answered: false,
      respond(status, json) {
        this.answered = true;
        resolve(new Response(json === undefined ? null : JSON.stringify(json), { status }));
      },
      fail() {
        this.answered = true;
        reject(new TypeError('fetch failed'));
      },
    };
    init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    requests.push(request);
  });
  return {
    requests,
    /** The oldest unanswered request of this method; fails if there is none. */
    async take(method) {
      await settle();
      const request = requests.find((r) => !r.answered && !r.taken && r.method === method);
      if (!request) throw new Error(`no ${method} request waiting; seen: ${requests.map((r) => `${r.method} ${r.url}`)}`);
      request.taken = true;
      return request;
    },
    pending(method) {
      return requests.filter((r) => !r.answered && !r.taken && r.method === method);
    },
  };
}

/** Replaces WebSocket: the test opens, feeds and drops each socket. */
export class FakeSocket {
  static all = [];

  constructor(url, protocol) {
    this.url = url;
    this.protocol = protocol;
    this.sent = [];
    this.closed = false;
    FakeSocket.all.push(this);
  }

  send(text) {
    this.sent.push(JSON.parse(text));
  }

  close() {
    this.closed = true;
  }

  open() {
    this.onopen?.();
  }

  receive(...messages) {
    this.onmessage?.({ data: JSON.stringify(messages.length === 1 ? messages[0] : messages) });
  }

  drop(code = 1006) {
    this.onclose?.({ code });
  }

  static last() {
    return FakeSocket.all[FakeSocket.all.length - 1];
  }
}

/** The browser globals the connection reads; returns the page's event listeners by type. */
export function fakeBrowser() {
  const listeners = {};
  FakeSocket.all = [];
  globalThis.WebSocket = FakeSocket;
  globalThis.addEventListener = (type, listener) => { listeners[type] = listener; };
  globalThis.navigator = { onLine: true };
  globalThis.location = { href: 'http://tandem.test/d/notes' };
  return listeners;
}
