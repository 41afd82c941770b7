// The protocol over one WebSocket (docs/protocol.md): one message per frame out, a message or
// an array of messages per frame in.

export class WebSocketTransport {
  constructor(url) {
    this.url = url;
    this.name = 'WebSocket';
    this.socket = null;
  }

  /** Handlers: opened(), received(messages), closed({ code, opened }). */
  open({ opened, received, closed }) {
    let wasOpen = false;
    const socket = new WebSocket(this.url, 'tandem.v1');
    this.socket = socket;
    socket.onopen = () => {
      wasOpen = true;
      opened();
    };
    socket.onmessage = (event) => {
      const data = JSON.parse(event.data);
      received(Array.isArray(data) ? data : [data]);
    };
    socket.onclose = (event) => {
      if (this.socket === socket) closed({ code: event.code, opened: wasOpen });
    };
  }

  send(message) {
    this.socket?.send(JSON.stringify(message));
  }

  /** The page is going away: the browser closes the socket (1001) and the server sees us leave. */
  leave() {
    this.close();
  }

  /** Ends the connection without another word to the handlers. */
  close() {
    const socket = this.socket;
    this.socket = null;
    socket?.close();
  }
}
