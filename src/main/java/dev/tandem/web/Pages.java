package dev.tandem.web;

import dev.tandem.transport.OriginPolicy;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;

/** What every page of Tandem's answers with, and checks of where a request comes from. */
final class Pages {
    private Pages() {
    }

    /** Headers that keep a page from being framed, sniffed or leaking its address. */
    static void secure(HttpServletResponse response) {
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Cache-Control", "no-store");
    }

    private static final OriginPolicy OWN_PAGES_ONLY = new OriginPolicy(List.of());

    /**
     * Whether a form post may come from where it does: a page of this server (its Origin names
     * the host the request was sent to), or a program (no Origin, and not a browser's cross-site
     * request). Cross-site forms are refused.
     */
    static boolean sameOrigin(HttpServletRequest request) {
        return !"cross-site".equals(request.getHeader("Sec-Fetch-Site"))
                && OWN_PAGES_ONLY.allows(request.getHeader("Origin"), request.getHeader("Host"));
    }

    /** {@code next} if it is a path on this server, else the home page: no redirect leads elsewhere. */
    static String localPath(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\")
                && next.chars().noneMatch(Character::isISOControl) ? next : "/";
    }
}
