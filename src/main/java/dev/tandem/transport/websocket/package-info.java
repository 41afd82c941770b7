/** The WebSocket transport: a thin JSR 356 endpoint that decodes messages and calls the service. */
package dev.tandem.transport.websocket;
