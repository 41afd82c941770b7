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
 * answered with 404 here, before any script runs.
 */
@WebServlet(urlPatterns = "/d/*")
public class EditorPageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String path = request.getPathInfo();
        String docId = path == null ? "" : path.substring(1);
        if (DocumentId.parse(docId).isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().println("No such document address: a document address is /d/ followed by"
                    + " 1 to 64 of A-Z a-z 0-9 - _");
            return;
        }
        request.getRequestDispatcher("/editor.html").forward(request, response);
    }
}
