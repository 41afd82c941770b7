/** What every transport shares: the origin policy applied before a connection is accepted. */
package dev.tandem.transport;
