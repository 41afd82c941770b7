/** Test support: Tandem on a Payara Micro process of its own, and the PostgreSQL and nginx servers tests run beside it. */
package dev.tandem.support.server;
