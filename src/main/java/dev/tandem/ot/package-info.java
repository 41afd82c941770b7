/** The operational-transform algebra on plain text: pure Java, no I/O, lengths in code points. */
package dev.tandem.ot;
