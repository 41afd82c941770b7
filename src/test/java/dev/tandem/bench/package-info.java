/** Benchmarks (docs/benchmarks.md): the OT core on recorded editing traces and reading client messages (JMH), and the load tool. */
package dev.tandem.bench;
