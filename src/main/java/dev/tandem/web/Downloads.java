package dev.tandem.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** A downloaded document's file name, kind and {@code Content-Disposition}, from its title. */
final class Downloads {
    private static final int MAX_NAME = 120;

    private Downloads() {
    }

    /**
     * The title, without what file systems refuse, with {@code .txt} added unless it names a
     * file kind already ("notes.md"); the id where there is no title.
     */
    static String fileName(String title, String id) {
        String name = (title == null ? id : title).replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").strip();
        name = name.replaceAll("^\\.+", "");
        if (name.isEmpty()) {
            name = id;
        }
        if (name.codePointCount(0, name.length()) > MAX_NAME) {
            name = name.substring(0, name.offsetByCodePoints(0, MAX_NAME));
        }
        return name.matches(".*\\.[A-Za-z0-9]{1,8}") ? name : name + ".txt";
    }

    static boolean isMarkdown(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".md") || lower.endsWith(".markdown");
    }

    static String mediaType(String fileName) {
        return (isMarkdown(fileName) ? "text/markdown" : "text/plain") + ";charset=UTF-8";
    }

    /** An attachment named {@code fileName}: in UTF-8 (RFC 6266), with an ASCII name for old clients. */
    static String contentDisposition(String fileName) {
        String ascii = fileName.replaceAll("[^\\x20-\\x7e]|[\"%;\\\\]", "_");
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
