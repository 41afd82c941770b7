/** A Java client of the Tandem protocol, for tests and the load tool. */
package dev.tandem.client;
