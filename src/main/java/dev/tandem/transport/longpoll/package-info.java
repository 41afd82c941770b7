/** The long-polling transport: the protocol's messages over plain HTTP requests, for networks that block WebSocket. */
package dev.tandem.transport.longpoll;
