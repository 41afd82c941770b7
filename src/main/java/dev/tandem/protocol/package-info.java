/** The JSON messages of docs/protocol.md, shared by both transports and by test clients. */
package dev.tandem.protocol;
