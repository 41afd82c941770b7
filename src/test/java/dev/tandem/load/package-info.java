/** The load generator: many protocol clients typing into a running server (docs/benchmarks.md). */
package dev.tandem.load;
