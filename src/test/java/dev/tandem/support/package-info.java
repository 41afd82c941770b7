/** Test support: what tests share that is not a test, such as a plain thread factory in place of the server's. */
package dev.tandem.support;
