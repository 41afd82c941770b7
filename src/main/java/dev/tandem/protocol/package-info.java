/** The whole wire of docs/protocol.md: messages, operations as JSON, document ids, error and close codes, the long-polling envelope and the history answers. */
package dev.tandem.protocol;
