/** The collaboration service: documents, their participants and edit ordering; knows no transport. */
package dev.tandem.collab;
