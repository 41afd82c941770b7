// Keeps a CollabClient connected over WebSocket: reconnects with exponential backoff and
// jitter, gives up on a connection that brings no welcome, and reports its state for display.

const FIRST_RETRY_MS = 500;
const LONGEST_RETRY_MS = 15000;
const WELCOME_TIMEOUT_MS = 5000;

/**
 * `status` is called with { state, transport, retryAt, unsent } where state is one of
 * 'connecting', 'connected', 'reconnecting' or 'offline' (the browser has no network).
 */
export class Connection {
  constructor({ url, client, status }) {
    this.url = url;
    this.client = client;
    this.status = status;
    this.socket = null;
    this.failures = 0;
    this.retryTimer = null;
    this.retryAt = null;
    this.welcomeTimer = null;
    this.stopped = false;
    client.on.gap = () => this.restart();
    addEventListener('online', () => { if (!this.socket) this.connectNow(); });
    // the network is gone: whatever is sent now would sit in a dead connection; keep it here,
    // say so, and come back when the browser says the network is back (or the next retry)
    addEventListener('offline', () => this.restartLater());
  }

  start() {
    this.connectNow();
  }

  /** Drops the current connection (if any) and opens a new one at once. */
  restart() {
    this.closeSocket();
    this.connectNow();
  }

  connectNow() {
    clearTimeout(this.retryTimer);
    this.retryAt = null;
    if (this.stopped || this.socket) return;
    let socket;
    try {
      socket = new WebSocket(this.url, 'tandem.v1');
    } catch (e) {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.client.connected((message) => socket.send(JSON.stringify(message)));
      this.welcomeTimer = setTimeout(() => { if (!this.client.online) this.restartLater(); }, WELCOME_TIMEOUT_MS);
    };
    socket.onmessage = (event) => {
      try {
        const data = JSON.parse(event.data);
        for (const message of Array.isArray(data) ? data : [data]) {
          if (this.socket !== socket) return;
          this.client.receive(message);
        }
      } catch (error) {
        // something this client cannot follow: start over on a new connection, which resumes
        console.error('Tandem: dropping the connection after', error);
        this.restartLater();
        return;
      }
      if (this.client.online && this.failures > 0) this.failures = 0;
      this.report();
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      clearTimeout(this.welcomeTimer);
      this.client.disconnected();
      this.scheduleRetry();
    };
    this.report();
  }

  restartLater() {
    this.closeSocket();
    this.scheduleRetry();
  }

  closeSocket() {
    const socket = this.socket;
    if (!socket) return;
    this.socket = null;
    clearTimeout(this.welcomeTimer);
    socket.onclose = null;
    socket.close();
    this.client.disconnected();
  }

  scheduleRetry() {
    // 0.5 s, 1 s, 2 s ... up to 15 s, each drawn between half and all of it, so that the clients
    // of a restarted server do not all come back in the same instant
    const ceiling = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** this.failures);
    const delay = ceiling / 2 + Math.random() * ceiling / 2;
    this.failures++;
    this.retryAt = Date.now() + delay;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connectNow(), delay);
    this.report();
  }

  report() {
    let state;
    if (this.client.online) state = 'connected';
    else if (!navigator.onLine) state = 'offline';
    else if (this.socket && this.failures === 0) state = 'connecting';
    else state = 'reconnecting';
    this.status({ state, transport: 'WebSocket', retryAt: this.retryAt, unsent: this.client.unsent });
  }
}
