/** What both transports share: the origin filter applied before any connection, and connections counted per address. */
package dev.tandem.transport;
