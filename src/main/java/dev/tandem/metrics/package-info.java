/** What Tandem counts and measures for the people who run it, behind a facade of its own ({@link dev.tandem.metrics.Meters}). */
package dev.tandem.metrics;
