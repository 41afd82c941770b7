/** Tandem's own MicroProfile Health checks: whether it can take people in (readiness), and whether it is stuck (liveness). */
package dev.tandem.health;
