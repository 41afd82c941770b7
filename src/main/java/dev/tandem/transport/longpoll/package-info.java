/** The long-polling transport: the protocol's messages over plain HTTP, numbered frames a poll acknowledges, and polls held without a thread. */
package dev.tandem.transport.longpoll;
