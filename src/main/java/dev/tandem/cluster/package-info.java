/** Many nodes, one cluster: Payara's data grid (Hazelcast) as the {@link dev.tandem.collab.Grid} of Tandem's nodes. */
package dev.tandem.cluster;
