/** JMH benchmarks of the OT core on recorded editing traces (docs/benchmarks.md). */
package dev.tandem.bench;
