/** Where documents are kept: the operation log and snapshots behind {@link dev.tandem.store.DocumentStore}, through JPA on the server's default data source. */
package dev.tandem.store;
