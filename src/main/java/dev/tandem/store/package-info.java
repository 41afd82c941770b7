/** Where documents are kept: the operation log and snapshots behind {@link dev.tandem.store.DocumentStore}, and their chat behind {@link dev.tandem.store.ChatStore}, on the server's default data source (edits written with plain JDBC, the rest through JPA). */
package dev.tandem.store;
