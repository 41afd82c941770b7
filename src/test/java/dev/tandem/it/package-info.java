/** Container tests: the real WAR on Payara Micro, driven from outside over HTTP and WebSocket. */
package dev.tandem.it;
