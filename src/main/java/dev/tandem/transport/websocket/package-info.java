/** The WebSocket transport: a thin JSR 356 endpoint that hands each message to the service, pings for dead connections, and times sessions on a scheduler of its own. */
package dev.tandem.transport.websocket;
