/** What every transport shares: the origin filter and its policy, applied before any connection is accepted. */
package dev.tandem.transport;
