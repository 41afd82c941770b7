package dev.tandem.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every answer's security headers. The Content-Security-Policy lets the pages run their own
 * scripts and nothing else: no inline script but the editor page's import map, allowed by its hash
 * (worked out at start from the page as built); connections to this server only; no framing.
 * Styles may be inline: the editor injects its own, as CodeMirror does.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeaders extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);

    private String policy;

    @Override
    public void init() throws ServletException {
        String importMap = "";
        try (InputStream page = getServletContext().getResourceAsStream("/editor.html")) {
            if (page != null) {
                Matcher script = IMPORT_MAP.matcher(new String(page.readAllBytes(), StandardCharsets.UTF_8));
                if (script.find()) {
                    importMap = " 'sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                            .digest(script.group(1).getBytes(StandardCharsets.UTF_8))) + "'";
                }
            }
        } catch (IOException | NoSuchAlgorithmException unreadable) {
            throw new ServletException("the editor page cannot be read", unreadable);
        }
        policy = "default-src 'self'; script-src 'self'" + importMap + "; style-src 'self' 'unsafe-inline';"
                + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none';"
                + " form-action 'self'; frame-ancestors 'none'";
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", policy);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        chain.doFilter(request, response);
    }
}
