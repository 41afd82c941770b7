/** Test support: recorded keystroke editing sessions, loaded for replay tests and benchmarks. */
package dev.tandem.support.traces;
