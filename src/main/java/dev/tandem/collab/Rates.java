package dev.tandem.collab;

import java.time.Duration;

/**
 * What one person may do, and one network address, however many connections they open (see
 * docs/operations.md). Each is a MicroProfile Config property, read by {@link LimitsFromConfig}.
 *
 * @param editsPerSecond           edits per second per client id, bursts of twice that
 * @param editsPerSecondPerAddress edits per second from one address, all its clients together
 * @param maxEditWait              how long an edit beyond the rate may wait for its turn before it is refused
 * @param selectionsPerSecond      selections shown to others per second per client id; beyond, only the latest waits
 * @param selectionsPerSecondPerAddress selections shown per second from one address
 * @param joinsPerMinute           joins per minute per client id
 * @param joinsPerMinutePerAddress joins per minute from one address
 */
public record Rates(double editsPerSecond, double editsPerSecondPerAddress, Duration maxEditWait,
                    double selectionsPerSecond, double selectionsPerSecondPerAddress, double joinsPerMinute,
                    double joinsPerMinutePerAddress) {
}
