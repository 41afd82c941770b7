package dev.tandem.web;

import dev.tandem.protocol.DocumentId;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Serves the editor page at each document's shareable address, {@code /d/<docId>}. The page
 * reads the document id from its own address; an id the collaboration service would refuse is
 * answered with 404 and a page that says what an address is, before any script runs.
 */
@WebServlet(urlPatterns = "/d/*")
public class EditorPageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /** A page of its own, the same for every such address: nothing of the address is written back (the
     * context path is the server's own). */
    private static final String NOT_AN_ADDRESS = """
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>No such document · Tandem</title><link rel="icon" href="data:,">
            <link rel="stylesheet" href="{root}/css/tandem.css"><script type="module" src="{root}/js/pages/theme.js"></script></head>
            <body><main class="home"><h1>No such document</h1>
            <p class="lead">This is not a document's address: a document's address is /d/ followed by its name,
            1 to 64 letters (A-Z, a-z), digits, - or _. Titles may hold any characters, but they are not addresses.</p>
            <p><a href="{root}/">Find your documents, or start one</a></p></main></body>
            </html>
            """;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String path = request.getPathInfo();
        String docId = path == null ? "" : path.substring(1);
        if (DocumentId.parse(docId).isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType("text/html;charset=UTF-8");
            response.setHeader("Cache-Control", "no-store");
            response.getWriter().print(NOT_AN_ADDRESS.replace("{root}", request.getContextPath()));
            return;
        }
        request.getRequestDispatcher("/editor.html").forward(request, response);
    }
}
