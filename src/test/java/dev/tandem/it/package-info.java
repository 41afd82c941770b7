/** Container tests: the real WAR on Payara Micro, driven from outside over HTTP, WebSocket and a real browser. */
package dev.tandem.it;
