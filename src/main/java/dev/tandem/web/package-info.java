/** HTTP beside the protocol: the editor page at each document's address, the read-only history API under /api, and Tandem's own error page. */
package dev.tandem.web;
