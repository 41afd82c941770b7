package dev.tandem.web;

/** Where a page may send the browser next. */
final class Pages {
    private Pages() {
    }

    /** {@code next} if it is a path on this server, else the home page: no redirect leads elsewhere. */
    static String localPath(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\")
                && next.chars().noneMatch(Character::isISOControl) ? next : "/";
    }
}
