// Keeps a CollabClient connected: WebSocket first, long polling where WebSocket does not get
// through (the handshake fails, no welcome arrives, or connections keep dying soon after they
// open), and back to WebSocket when a probe finds that it works again. Reconnects with
// exponential backoff and jitter, and reports its state for display.
import { WebSocketTransport } from './websocket-transport.js';
import { LongPollTransport } from './long-poll-transport.js';

const FIRST_RETRY_MS = 500;
const LONGEST_RETRY_MS = 15000;
const WELCOME_TIMEOUT_MS = 5000;
/** A WebSocket connection that ends sooner than this after its welcome counts as failed. */
const SHORT_LIVED_MS = 10000;
const WEBSOCKET_FAILURES_BEFORE_LONG_POLLING = 2;
const FIRST_PROBE_MS = 30000;
/**
 * How long after the server said it was going away (1001: a restart, a deploy) failing WebSocket
 * connections are taken for the server being down, not for a network that blocks WebSocket: while
 * it stops, it may still answer plain HTTP.
 */
const GONE_AWAY_MS = 60000;
const LONGEST_PROBE_MS = 10 * 60000;

/**
 * `transport`: 'auto' (default), or 'websocket' / 'longpoll' to use only that one. `status` is
 * called with { state, transport, retryAt, unsent } where state is 'connecting', 'connected',
 * 'reconnecting' or 'offline' (the browser has no network).
 */
export class Connection {
  constructor({ webSocketUrl, longPollUrl, client, status, transport = 'auto' }) {
    this.urls = { websocket: webSocketUrl, longpoll: longPollUrl };
    this.client = client;
    this.status = status;
    this.automatic = transport === 'auto';
    this.mode = transport === 'longpoll' ? 'longpoll' : 'websocket';
    this.current = null;
    this.failures = 0;
    this.webSocketFailures = 0;
    this.welcomedAt = null;
    this.goneAwayAt = null;
    this.retryTimer = null;
    this.retryAt = null;
    this.welcomeTimer = null;
    this.probeTimer = null;
    this.probeDelay = FIRST_PROBE_MS;
    this.stopped = false;
    client.on.gap = () => this.restart();
    addEventListener('online', () => { if (!this.current) this.connectNow(); });
    // the network is gone: whatever is sent now would sit in a dead connection; keep it here,
    // say so, and come back when the browser says the network is back (or at the next retry)
    addEventListener('offline', () => this.restartLater());
    // closing the page: leave at once, rather than when the server notices (long polling: 30 s)
    addEventListener('pagehide', () => {
      this.stopped = true;
      this.current?.leave();
    });
  }

  get transportName() {
    return this.mode === 'websocket' ? 'WebSocket' : 'long polling';
  }

  start() {
    this.connectNow();
  }

  /** Stops for good (the server will not let this page in): no more connections, no retries. */
  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.probeTimer);
    this.dropCurrent();
    this.report();
  }

  /** Drops the current connection (if any) and opens a new one at once. */
  restart() {
    this.dropCurrent();
    this.connectNow();
  }

  connectNow() {
    clearTimeout(this.retryTimer);
    this.retryAt = null;
    if (this.current || this.stopped) return;
    const transport = this.mode === 'websocket'
      ? new WebSocketTransport(this.urls.websocket)
      : new LongPollTransport(this.urls.longpoll);
    this.current = transport;
    this.welcomedAt = null;
    this.turnedAway = false;
    const mine = () => this.current === transport;
    try {
      transport.open({
        opened: () => {
          if (!mine()) return;
          this.client.connected((message) => transport.send(message));
          this.welcomeTimer = setTimeout(() => { if (mine() && !this.client.online) this.failed(); }, WELCOME_TIMEOUT_MS);
        },
        received: (messages) => {
          if (!mine()) return;
          this.deliver(messages);
        },
        closed: ({ code } = {}) => {
          if (!mine()) return;
          if (code === 1001 && this.welcomedAt !== null) this.goneAwayAt = Date.now();
          this.current = null;
          clearTimeout(this.welcomeTimer);
          this.client.disconnected();
          this.failed();
        },
      });
    } catch (error) {
      this.current = null;
      this.failed();
      return;
    }
    this.report();
  }

  deliver(messages) {
    try {
      for (const message of messages) {
        if (!this.current) return;
        // the server itself ends this connection (a full document, too many edits...): the
        // transport works, so its end is no reason to leave WebSocket
        if (message.type === 'error' && message.fatal) this.turnedAway = true;
        this.client.receive(message);
      }
    } catch (error) {
      // something this client cannot follow: start over on a new connection, which resumes
      console.error('Tandem: dropping the connection after', error);
      this.restartLater();
      return;
    }
    if (this.client.online && this.welcomedAt === null) {
      this.welcomedAt = Date.now();
      this.goneAwayAt = null; // back
      this.failures = 0;
    }
    this.report();
  }

  /** The connection ended, or never got going: maybe switch transports, then retry. */
  failed() {
    if (this.current) this.dropCurrent();
    const restarting = this.goneAwayAt !== null && Date.now() - this.goneAwayAt < GONE_AWAY_MS;
    if (this.automatic && this.mode === 'websocket' && !this.turnedAway && !restarting) {
      const shortLived = this.welcomedAt === null || Date.now() - this.welcomedAt < SHORT_LIVED_MS;
      this.webSocketFailures = shortLived ? this.webSocketFailures + 1 : 0;
      if (this.webSocketFailures >= WEBSOCKET_FAILURES_BEFORE_LONG_POLLING && navigator.onLine) {
        this.switchIfServerAnswers();
        return;
      }
    }
    this.scheduleRetry();
  }

  /**
   * WebSocket keeps failing: if plain HTTP reaches the server, something between blocks
   * WebSocket, and long polling will do; if not, the server is down, and WebSocket is retried.
   */
  async switchIfServerAnswers() {
    let answers = false;
    try {
      answers = (await fetch(location.href, { method: 'HEAD', cache: 'no-store' })).ok;
    } catch {
      answers = false;
    }
    if (this.current || this.mode !== 'websocket') return; // something else moved on meanwhile
    if (answers) {
      this.mode = 'longpoll';
      this.failures = 0;
      this.scheduleProbe();
      this.connectNow();
    } else {
      this.scheduleRetry();
    }
  }

  /** While on long polling: try a WebSocket handshake now and then; go back when it works. */
  scheduleProbe() {
    clearTimeout(this.probeTimer);
    const delay = this.probeDelay / 2 + Math.random() * this.probeDelay / 2;
    this.probeTimer = setTimeout(() => this.probe(), delay);
  }

  probe() {
    if (this.mode !== 'longpoll') return;
    let probe;
    try {
      probe = new WebSocket(this.urls.websocket, 'tandem.v1');
    } catch (error) {
      this.scheduleProbe();
      return;
    }
    probe.onopen = () => {
      probe.onclose = null;
      probe.close();
      // the in-flight edit is resent with its seq on the new connection: nothing lost, nothing twice
      this.mode = 'websocket';
      this.webSocketFailures = 0;
      this.probeDelay = Math.min(LONGEST_PROBE_MS, this.probeDelay * 2); // in case it falls back again
      this.restart();
    };
    probe.onclose = () => this.scheduleProbe();
  }

  restartLater() {
    this.dropCurrent();
    this.scheduleRetry();
  }

  dropCurrent() {
    const transport = this.current;
    if (!transport) return;
    this.current = null;
    clearTimeout(this.welcomeTimer);
    transport.close();
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
    if (this.stopped) state = 'stopped';
    else if (this.client.online) state = 'connected';
    else if (!navigator.onLine) state = 'offline';
    else if (this.current && this.failures === 0) state = 'connecting';
    else state = 'reconnecting';
    this.status({ state, transport: this.transportName, retryAt: this.retryAt, unsent: this.client.unsent });
  }
}
