package dev.tandem.transport;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    /** Whose pages may sign in and change things through the API: the server's own only. */
    public OriginPolicy ownPages() {
        return ownPages;
    }

    private static List<String> list(Optional<String> setting) {
        return setting.stream().flatMap(value -> Arrays.stream(value.split(","))).map(String::strip)
                .filter(origin -> !origin.isEmpty()).toList();
    }
}
