package dev.tandem.collab;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Reads {@link Limits} from MicroProfile Config; every property has a default. */
@ApplicationScoped
public class LimitsFromConfig {

    /** Dependent, not application-scoped: a record cannot be proxied, and reading it is cheap. */
    @Produces
    Limits limits(
            @ConfigProperty(name = "tandem.max-message-bytes", defaultValue = "65536") int maxMessageBytes,
            @ConfigProperty(name = "tandem.max-document-code-points", defaultValue = "1000000") int maxDocument,
            @ConfigProperty(name = "tandem.edits-per-second", defaultValue = "50") double editsPerSecond,
            @ConfigProperty(name = "tandem.edits-per-second-per-address", defaultValue = "500") double editsPerAddress,
            @ConfigProperty(name = "tandem.max-edit-wait-millis", defaultValue = "2000") int maxEditWaitMillis,
            @ConfigProperty(name = "tandem.selections-per-second", defaultValue = "20") double selectionsPerSecond,
            @ConfigProperty(name = "tandem.selections-per-second-per-address", defaultValue = "200") double selectionsPerAddress,
            @ConfigProperty(name = "tandem.joins-per-minute", defaultValue = "60") double joinsPerMinute,
            @ConfigProperty(name = "tandem.joins-per-minute-per-address", defaultValue = "600") double joinsPerAddress,
            @ConfigProperty(name = "tandem.history-window", defaultValue = "1000") int historyWindow,
            @ConfigProperty(name = "tandem.outbox-limit", defaultValue = "1000") int outboxLimit,
            @ConfigProperty(name = "tandem.idle-release-seconds", defaultValue = "60") int idleReleaseSeconds,
            @ConfigProperty(name = "tandem.batch-millis", defaultValue = "0") int batchMillis,
            @ConfigProperty(name = "tandem.max-participants", defaultValue = "500") int maxParticipants,
            @ConfigProperty(name = "tandem.history-max-bytes", defaultValue = "4194304") long historyMaxBytes,
            @ConfigProperty(name = "tandem.outbox-max-bytes", defaultValue = "16777216") long outboxMaxBytes) {
        Rates rates = new Rates(editsPerSecond, editsPerAddress, Duration.ofMillis(maxEditWaitMillis), selectionsPerSecond,
                selectionsPerAddress, joinsPerMinute, joinsPerAddress);
        return new Limits(maxMessageBytes, maxDocument, rates, historyWindow, outboxLimit,
                Duration.ofSeconds(idleReleaseSeconds), Duration.ofMillis(batchMillis), maxParticipants,
                historyMaxBytes, outboxMaxBytes);
    }
}
