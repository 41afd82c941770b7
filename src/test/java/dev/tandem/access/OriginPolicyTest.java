package dev.tandem.access;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    @Test
    void withoutPublicOriginsTheHostHeaderNamesTheServersOwn() {
        OriginPolicy policy = new OriginPolicy(List.of("https://wiki.example.com"), List.of());
        assertTrue(policy.allows("http://docs.example.com:8080", "docs.example.com:8080"));
        assertTrue(policy.allows("https://wiki.example.com/", "docs.example.com"), "an allowed site");
        assertFalse(policy.allows("http://evil.example", "docs.example.com:8080"));
        assertTrue(policy.allows(null, "docs.example.com:8080"), "a program, not a page");
    }

    /** A page on a name the attacker's DNS points at the server sends Origin = Host: not the server's own. */
    @Test
    void withPublicOriginsAReboundNameIsNotTheServersOwn() {
        OriginPolicy policy = new OriginPolicy(List.of(), List.of("https://docs.example.com"));
        assertFalse(policy.allows("http://rebound.evil.example:8080", "rebound.evil.example:8080"));
        assertTrue(policy.allows("https://docs.example.com", "docs.example.com"));
        assertTrue(policy.allows("https://docs.example.com", "10.0.0.5:8080"), "behind a proxy that rewrites Host");
    }
}
