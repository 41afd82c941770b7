package dev.tandem.metrics;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * {@link Meters} on MicroProfile Metrics, in the application's registry: Payara serves them at
 * {@code /metrics?scope=application} (docs/operations.md lists them). Counters and timers are
 * looked up once; those named by transport or error code once per name. A bean of its own type
 * only ({@link MetersFromServer} makes it the {@link Meters}), since the server's registry comes
 * by injection alone.
 */
@ApplicationScoped
@Typed(MicroProfileMeters.class)
public class MicroProfileMeters implements Meters {
    @Inject
    MetricRegistry registry;

    private Counter applied;
    private Timer acknowledged;
    private Timer committed;
    private Counter commitFailed;
    private final Map<String, Counter> framesSent = new ConcurrentHashMap<>();
    private final Map<String, Counter> bytesSent = new ConcurrentHashMap<>();
    private final Map<String, Counter> cutOff = new ConcurrentHashMap<>();
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();

    @PostConstruct
    void start() {
        applied = registry.counter(described("tandem.edits", "edits applied to documents"));
        acknowledged = registry.timer(Metadata.builder().withName("tandem.ack.time")
                .withDescription("from an edit applied to its acknowledgement let go, stored").build());
        committed = registry.timer(Metadata.builder().withName("tandem.store.commit.time")
                .withDescription("one write to the store: a transaction with every document's waiting edits").build());
        commitFailed = registry.counter(described("tandem.store.commit.failures", "writes to the store that failed"));
    }

    private static Metadata described(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).build();
    }

    @Override
    public void applied() {
        applied.inc();
    }

    @Override
    public void acknowledged(long nanos) {
        acknowledged.update(Duration.ofNanos(nanos));
    }

    @Override
    public void committed(long nanos) {
        committed.update(Duration.ofNanos(nanos));
    }

    @Override
    public void commitFailed() {
        commitFailed.inc();
    }

    @Override
    public void sent(String transport, long bytes) {
        framesSent.computeIfAbsent(transport, name -> registry.counter(described("tandem.frames.sent",
                "frames sent to clients"), new Tag("transport", name))).inc();
        bytesSent.computeIfAbsent(transport, name -> registry.counter(Metadata.builder().withName("tandem.sent")
                .withDescription("bytes of frames sent to clients").withUnit(MetricUnits.BYTES).build(),
                new Tag("transport", name))).inc(bytes);
    }

    @Override
    public void cutOff(String transport) {
        cutOff.computeIfAbsent(transport, name -> registry.counter(described("tandem.receivers.cut.off",
                "clients cut off for falling too far behind"), new Tag("transport", name))).inc();
    }

    @Override
    public void refused(String code) {
        refused.computeIfAbsent(code, name -> registry.counter(described("tandem.refusals",
                "client messages refused, by error code"), new Tag("code", name))).inc();
    }

    @Override
    public void gauge(String name, String description, String transport, LongSupplier value) {
        Metadata metadata = described(name, description);
        if (transport == null) {
            registry.gauge(metadata, value, LongSupplier::getAsLong);
        } else {
            registry.gauge(metadata, value, LongSupplier::getAsLong, new Tag("transport", transport));
        }
    }
}
