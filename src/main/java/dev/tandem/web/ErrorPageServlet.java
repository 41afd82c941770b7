package dev.tandem.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * The answer to every error the container reports for Tandem (WEB-INF/web.xml): the status and a
 * short reason in plain text, never the server's own page, which names the server, its version
 * and, for a failure, the exception. The container's own message is kept only for refusals (4xx),
 * where it says what was wrong with the request.
 */
@WebServlet(urlPatterns = "/error")
public class ErrorPageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Map<Integer, String> REASONS = Map.of(
            400, "Bad Request", 403, "Forbidden", 404, "Not Found", 405, "Method Not Allowed",
            413, "Content Too Large", 415, "Unsupported Media Type", 500, "Internal Server Error",
            503, "Service Unavailable");

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number ? number : HttpServletResponse.SC_NOT_FOUND;
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        StringBuilder text = new StringBuilder().append(status).append(' ')
                .append(REASONS.getOrDefault(status, status < 500 ? "Refused" : "Server Error"));
        if (status < 500 && message instanceof String said && !said.isBlank()) {
            text.append(": ").append(said);
        }
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getWriter().println(text);
    }
}
