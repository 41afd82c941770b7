/** Who someone is and what they may do with a document: people, roles, grants, share links, accounts. */
package dev.tandem.access;
