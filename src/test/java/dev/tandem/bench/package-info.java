/** JMH benchmarks: the OT core on recorded editing traces, and reading client messages (docs/benchmarks.md). */
package dev.tandem.bench;
