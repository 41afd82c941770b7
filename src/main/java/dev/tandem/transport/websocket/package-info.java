/** The WebSocket transport: a thin JSR 356 endpoint that hands each message to the service, pings for dead connections, times sessions on a scheduler of its own, and hands Tyrus frames built once. */
package dev.tandem.transport.websocket;
