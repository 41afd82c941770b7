/** Test support: a document store in memory, for the service's tests. */
package dev.tandem.support.store;
