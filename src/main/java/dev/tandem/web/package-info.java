/** HTTP beside the protocol: the editor page at each document's address, and the read-only history API under /api. */
package dev.tandem.web;
