package dev.tandem.collab;

import dev.tandem.protocol.CloseCode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Test support: a channel that writes every frame at once and records the frames and closes. */
public final class RecordingChannel implements Channel {
    public final List<String> frames = new CopyOnWriteArrayList<>();
    public final List<CloseCode> closes = new CopyOnWriteArrayList<>();

    @Override
    public void send(String frame, Consumer<Throwable> done) {
        frames.add(frame);
        done.accept(null);
    }

    @Override
    public void close(CloseCode reason, String message) {
        closes.add(reason);
    }
}
