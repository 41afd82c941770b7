package dev.tandem.collab;

import java.time.Duration;

/**
 * What one connection or document may use; each is a MicroProfile Config property (see
 * docs/operations.md), read by {@link LimitsFromConfig}.
 *
 * @param maxMessageBytes        largest message a client may send
 * @param maxDocumentCodePoints  largest document an edit may produce
 * @param rates                  what one person, and one address, may do per second or minute
 * @param historyWindow          recent revisions kept in memory to transform late edits and resume
 * @param outboxLimit            messages queued for a slow receiver before it is cut off
 * @param idleRelease            how long a document nobody has open stays in memory
 * @param batchDelay             how long a message waits for others to share its frame (0: none)
 * @param maxParticipants        people in one document at once
 * @param historyMaxBytes        heap the recent revisions of one document may take, whatever their number
 * @param outboxMaxBytes         heap the messages queued for one receiver may take before it is cut off
 */
public record Limits(int maxMessageBytes, int maxDocumentCodePoints, Rates rates,
                     int historyWindow, int outboxLimit, Duration idleRelease, Duration batchDelay,
                     int maxParticipants, long historyMaxBytes, long outboxMaxBytes) {
}
