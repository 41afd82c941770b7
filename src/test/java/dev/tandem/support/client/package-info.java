/** Test support: a Java client of the Tandem protocol over WebSocket and long polling, for tests and the load tool. */
package dev.tandem.support.client;
