package dev.tandem.web;

import dev.tandem.transport.Origins;
import jakarta.servlet.http.HttpServletRequest;

/** Checks of where a request comes from, and where it may go next. */
final class Pages {
    private Pages() {
    }

    /**
     * Whether a form post may come from where it does: a page of this server (its Origin names
     * the host the request was sent to), or a program (no Origin, and not a browser's cross-site
     * request). Cross-site forms are refused.
     */
    static boolean sameOrigin(HttpServletRequest request, Origins origins) {
        return !"cross-site".equals(request.getHeader("Sec-Fetch-Site"))
                && origins.ownPages().allows(request.getHeader("Origin"), request.getHeader("Host"));
    }

    /** {@code next} if it is a path on this server, else the home page: no redirect leads elsewhere. */
    static String localPath(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\")
                && next.chars().noneMatch(Character::isISOControl) ? next : "/";
    }
}
