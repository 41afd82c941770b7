/** Where documents are kept between sessions, behind {@link dev.tandem.store.DocumentStore}. */
package dev.tandem.store;
