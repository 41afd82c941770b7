package dev.tandem.collab;

import java.time.Duration;

/** Test support: {@link Limits} as a server configured with none has them, changed one by one. */
public final class TestLimits {
    private int maxMessageBytes = 64 * 1024;
    private int maxDocumentCodePoints = 1_000_000;
    private double editsPerSecond = 50;
    private double editsPerSecondPerAddress = 500;
    private Duration maxEditWait = Duration.ofSeconds(2);
    private double selectionsPerSecond = 20;
    private double selectionsPerSecondPerAddress = 200;
    private double joinsPerMinute = 60;
    private double joinsPerMinutePerAddress = 600;
    private int historyWindow = 1000;
    private int outboxLimit = 1000;
    private Duration idleRelease = Duration.ofSeconds(60);
    private Duration batchDelay = Duration.ofMillis(5);
    private int maxParticipants = 500;
    private long historyMaxBytes = 4L << 20;
    private long outboxMaxBytes = 16L << 20;

    public static TestLimits defaults() {
        return new TestLimits();
    }

    public TestLimits maxMessageBytes(int value) {
        maxMessageBytes = value;
        return this;
    }

    public TestLimits maxDocumentCodePoints(int value) {
        maxDocumentCodePoints = value;
        return this;
    }

    public TestLimits editsPerSecond(double value) {
        editsPerSecond = value;
        return this;
    }

    public TestLimits editsPerSecondPerAddress(double value) {
        editsPerSecondPerAddress = value;
        return this;
    }

    public TestLimits maxEditWait(Duration value) {
        maxEditWait = value;
        return this;
    }

    public TestLimits selectionsPerSecond(double value) {
        selectionsPerSecond = value;
        return this;
    }

    public TestLimits selectionsPerSecondPerAddress(double value) {
        selectionsPerSecondPerAddress = value;
        return this;
    }

    public TestLimits joinsPerMinute(double value) {
        joinsPerMinute = value;
        return this;
    }

    public TestLimits joinsPerMinutePerAddress(double value) {
        joinsPerMinutePerAddress = value;
        return this;
    }

    public TestLimits historyWindow(int value) {
        historyWindow = value;
        return this;
    }

    public TestLimits outboxLimit(int value) {
        outboxLimit = value;
        return this;
    }

    public TestLimits idleRelease(Duration value) {
        idleRelease = value;
        return this;
    }

    /** No batching, unless a test says otherwise: frames leave at once, in a predictable order. */
    public TestLimits noBatching() {
        batchDelay = Duration.ZERO;
        return this;
    }

    public TestLimits maxParticipants(int value) {
        maxParticipants = value;
        return this;
    }

    public TestLimits historyMaxBytes(long value) {
        historyMaxBytes = value;
        return this;
    }

    public TestLimits outboxMaxBytes(long value) {
        outboxMaxBytes = value;
        return this;
    }

    public Limits build() {
        Rates rates = new Rates(editsPerSecond, editsPerSecondPerAddress, maxEditWait, selectionsPerSecond,
                selectionsPerSecondPerAddress, joinsPerMinute, joinsPerMinutePerAddress);
        return new Limits(maxMessageBytes, maxDocumentCodePoints, rates, historyWindow, outboxLimit,
                idleRelease, batchDelay, maxParticipants, historyMaxBytes, outboxMaxBytes);
    }
}
