package dev.tandem.transport;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which pages may connect. A browser always says where a page comes from (the Origin header); a
 * request from a page of another site is refused unless that origin is in the configured list.
 * Requests without an Origin come from programs, not pages, and are let through.
 */
public final class OriginPolicy {
    private final List<String> allowed;

    /** @param allowed origins allowed besides the server's own, e.g. {@code https://docs.example.com} */
    public OriginPolicy(List<String> allowed) {
        this.allowed = allowed.stream().map(OriginPolicy::normalise).toList();
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
