package dev.tandem.access;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@link OriginPolicy} of this server: its public origins ({@code tandem.public-origins}, the
 * addresses people reach it at, e.g. {@code https://docs.example.com}; unset: whatever the Host
 * header says) and other sites whose pages may connect ({@code tandem.allowed-origins}). Both are
 * comma-separated.
 */
@ApplicationScoped
public class Origins {
    @Inject
    @ConfigProperty(name = "tandem.allowed-origins")
    Optional<String> allowedOrigins;

    @Inject
    @ConfigProperty(name = "tandem.public-origins")
    Optional<String> publicOrigins;

    private OriginPolicy policy;
    /** Whose pages may sign in and change things through the API: the server's own only. */
    private OriginPolicy ownPages;

    @PostConstruct
    void start() {
        policy = new OriginPolicy(list(allowedOrigins), list(publicOrigins));
        ownPages = new OriginPolicy(List.of(), list(publicOrigins));
    }

    /** Whose pages may connect to documents. */
    public OriginPolicy policy() {
        return policy;
    }

    /**
     * Whether a request that would sign someone in or change something may: from a page of this
     * server (its Origin names this server), or from a program (no Origin, and not a browser's
     * cross-site request). A form of another site posted with someone's cookie may not.
     */
    public boolean fromOwnPage(HttpServletRequest request) {
        return !"cross-site".equals(request.getHeader("Sec-Fetch-Site"))
                && ownPages.allows(request.getHeader("Origin"), request.getHeader("Host"));
    }

    private static List<String> list(Optional<String> setting) {
        return setting.stream().flatMap(value -> Arrays.stream(value.split(","))).map(String::strip)
                .filter(origin -> !origin.isEmpty()).toList();
    }
}
