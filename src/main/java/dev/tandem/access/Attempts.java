package dev.tandem.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Failed attempts that could be guesses (passwords, document ids, share links), counted per key
 * (a user name, a network address) over the last ten minutes, so that guessing is slowed to
 * nothing while people who mistype are not. The least recently used keys are forgotten past a
 * bound: nobody fills the heap with keys.
 */
@ApplicationScoped
public class Attempts {
    /** Failed sign-ins per user name every ten minutes. */
    @Inject
    @ConfigProperty(name = "tandem.sign-in-failures-per-user", defaultValue = "10")
    int signInsPerUser;

    /** Failed sign-ins from one address (many people behind one) every ten minutes. */
    @Inject
    @ConfigProperty(name = "tandem.sign-in-failures-per-address", defaultValue = "100")
    int signInsPerAddress;

    /** Look-ups of documents that do not exist or may not be read, per address, every ten minutes. */
    @Inject
    @ConfigProperty(name = "tandem.look-up-failures-per-address", defaultValue = "300")
    int lookUpsPerAddress;

    private static final long WINDOW_NANOS = TimeUnit.MINUTES.toNanos(10);
    private static final int REMEMBERED = 100_000;

    private record Window(long start, int failures) {
    }

    /** Guarded by itself. */
    private final Map<String, Window> windows = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** Whether a sign-in as {@code username} from {@code address} may be tried now. */
    public boolean signInAllowed(String username, String address) {
        return allowed("sign-in:" + username, signInsPerUser) && allowed("sign-in@" + address, signInsPerAddress);
    }

    public void signInFailed(String username, String address) {
        failed("sign-in:" + username);
        failed("sign-in@" + address);
    }

    /** Whether {@code address} may look documents up now. */
    public boolean lookUpAllowed(String address) {
        return allowed("look-up@" + address, lookUpsPerAddress);
    }

    public void lookUpFailed(String address) {
        failed("look-up@" + address);
    }

    /** Whether {@code key} has failed fewer than {@code limit} times in its current window. */
    private boolean allowed(String key, int limit) {
        synchronized (windows) {
            Window window = windows.get(key);
            return window == null || System.nanoTime() - window.start() > WINDOW_NANOS || window.failures() < limit;
        }
    }

    /** Counts a failure of {@code key}. */
    private void failed(String key) {
        long now = System.nanoTime();
        synchronized (windows) {
            Window window = windows.get(key);
            windows.put(key, window == null || now - window.start() > WINDOW_NANOS
                    ? new Window(now, 1) : new Window(window.start(), window.failures() + 1));
        }
    }
}
