// The protocol over plain HTTP (docs/protocol.md, "Long polling"): messages go out in POSTs, one
// request at a time so they stay in order; one poll at a time brings the server's numbered
// frames, acknowledging the last one received, so a lost answer is simply sent again.

const RETRY_MS = 1000;
const FAILURES_BEFORE_CLOSING = 3;

export class LongPollTransport {
  constructor(url) {
    this.url = url;
    this.name = 'long polling';
    this.session = null;
    this.queue = [];
    this.posting = false;
    this.received = 0;
    this.stopped = false;
    this.aborter = new AbortController();
  }

  /** Handlers: opened(), received(messages), closed({ code, opened }). */
  open(handlers) {
    this.handlers = handlers;
    // nothing to shake hands with: the join is the first request
    queueMicrotask(() => { if (!this.stopped) handlers.opened(); });
  }

  send(message) {
    this.queue.push(message);
    this.post();
  }

  close() {
    this.stopped = true;
    this.aborter.abort();
  }

  /** The page is going away: say goodbye in a request that outlives it, so others see us leave now. */
  leave() {
    if (!this.session || this.stopped) return;
    this.stopped = true;
    fetch(this.url, { method: 'POST', headers: this.headers(), body: JSON.stringify([{ type: 'leave' }]), keepalive: true })
      .catch(() => {});
  }

  headers() {
    const headers = { 'Content-Type': 'application/json' };
    if (this.session) headers['Tandem-Session'] = this.session;
    return headers;
  }

  async post() {
    if (this.posting || this.stopped || this.queue.length === 0) return;
    this.posting = true;
    const batch = this.queue.splice(0);
    try {
      const response = await fetch(this.url, {
        method: 'POST', headers: this.headers(), body: JSON.stringify(batch),
        cache: 'no-store', signal: this.aborter.signal,
      });
      if (!response.ok) {
        this.end(await closeOf(response));
        return;
      }
      if (!this.session) {
        this.session = (await response.json()).session;
        this.poll();
      }
    } catch (error) {
      this.end({ code: 1006 });
      return;
    } finally {
      this.posting = false;
    }
    this.post();
  }

  async poll() {
    let failures = 0;
    while (!this.stopped) {
      let answer;
      try {
        const response = await fetch(`${this.url}?ack=${this.received}`, {
          headers: this.headers(), cache: 'no-store', signal: this.aborter.signal,
        });
        if (response.status === 502 || response.status === 503 || response.status === 504) {
          throw new Error(`proxy answered ${response.status}`); // a proxy gave up waiting: poll again
        }
        if (!response.ok) {
          this.end(await closeOf(response));
          return;
        }
        answer = await response.json();
        failures = 0;
      } catch (error) {
        if (this.stopped) return;
        if (++failures >= FAILURES_BEFORE_CLOSING) {
          this.end({ code: 1006 });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        continue;
      }
      if (answer.seq > this.received) {
        this.received = answer.seq;
        if (answer.messages.length > 0) this.handlers.received(answer.messages);
      }
      if (answer.close) {
        this.end(answer.close);
        return;
      }
    }
  }

  end(close) {
    if (this.stopped) return;
    this.stopped = true;
    this.aborter.abort();
    this.handlers.closed({ code: close?.code ?? 1006, opened: this.session !== null });
  }
}

async function closeOf(response) {
  try {
    return (await response.json()).close;
  } catch {
    return { code: 1006 };
  }
}
