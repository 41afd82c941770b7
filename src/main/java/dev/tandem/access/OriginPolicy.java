package dev.tandem.access;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Which pages may connect. A browser always says where a page comes from (the Origin header); a
 * request from a page of another site is refused unless that origin is in the configured list.
 * Requests without an Origin come from programs, not pages, and are let through.
 *
 * <p>The server's own origin is the one its public address names, where that is configured. Only
 * where it is not is it taken from the request's Host header, which a page on a name that an
 * attacker's DNS points at the server (DNS rebinding) can make equal to its own origin.
 */
public final class OriginPolicy {
    private final List<String> allowed;
    private final boolean trustHost;

    /**
     * @param allowed        origins allowed besides the server's own, e.g. {@code https://docs.example.com}
     * @param publicOrigins  the server's own origins, as people reach it; empty: as the Host header says
     */
    public OriginPolicy(List<String> allowed, List<String> publicOrigins) {
        this.allowed = Stream.concat(allowed.stream(), publicOrigins.stream())
                .map(OriginPolicy::normalise).toList();
        this.trustHost = publicOrigins.isEmpty();
    }

    /** Whether a request with these Origin and Host headers may connect. */
    public boolean allows(String origin, String host) {
        if (origin == null) {
            return true;
        }
        String normalised = normalise(origin);
        if (allowed.contains(normalised)) {
            return true;
        }
        if (!trustHost) {
            return false;
        }
        try {
            URI uri = URI.create(normalised);
            String authority = uri.getRawAuthority();
            return authority != null && host != null && authority.equals(host.toLowerCase(Locale.ROOT))
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String normalise(String origin) {
        String trimmed = origin.strip().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
