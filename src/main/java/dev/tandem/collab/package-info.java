/** The collaboration service: open documents, each ordering its edits behind its durability gate, their participants and presence; knows no transport. */
package dev.tandem.collab;
