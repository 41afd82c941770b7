package dev.tandem.transport.longpoll;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writing long-polling answers. Every answer has a length (no chunked streaming, which HTTP/1.0
 * proxies do not pass) and is never cached.
 */
final class Answers {
    private static final int CHUNK = 16 * 1024;

    private Answers() {
    }

    /** A whole answer, written on the request's own thread. */
    static void writeNow(HttpServletResponse response, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers(response, status, bytes.length);
        response.getOutputStream().write(bytes);
    }

    /**
     * Answers a held poll without blocking: the thread that delivers a frame may be the one that
     * sends every document's batches, and a client that does not read its answer must not hold it.
     */
    static void write(AsyncContext context, int status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try {
            HttpServletResponse response = (HttpServletResponse) context.getResponse();
            headers(response, status, bytes.length);
            ServletOutputStream out = response.getOutputStream();
            out.setWriteListener(new WriteListener() {
                private int written;

                @Override
                public void onWritePossible() throws IOException {
                    while (out.isReady()) {
                        if (written == bytes.length) {
                            context.complete();
                            return;
                        }
                        int length = Math.min(CHUNK, bytes.length - written);
                        out.write(bytes, written, length);
                        written += length;
                    }
                }

                @Override
                public void onError(Throwable failure) {
                    // the client went away; the frame stays in flight for its next poll
                    complete(context);
                }
            });
        } catch (IOException | IllegalStateException gone) {
            complete(context);
        }
    }

    /** Ends a held poll without an answer, if it has not ended already. */
    static void complete(AsyncContext context) {
        try {
            context.complete();
        } catch (IllegalStateException alreadyComplete) {
            // timed out or failed meanwhile
        }
    }

    private static void headers(HttpServletResponse response, int status, int length) {
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json;charset=UTF-8");
        response.setContentLength(length);
    }
}
