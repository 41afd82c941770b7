/** Where documents are kept: the operation log and snapshots behind {@link dev.tandem.store.DocumentStore}, and their chat behind {@link dev.tandem.store.ChatStore}, through JPA on the server's default data source. */
package dev.tandem.store;
