package dev.tandem.access;

import java.time.Instant;

/**
 * What a join is let in as: its role, the name and colour others see, for a guest's new client id
 * the secret that binds the id to that guest (null otherwise), and until when, if its access ends
 * at a known time (a share link that expires; null: until it is taken away).
 */
public record Admission(Role role, String name, String color, String clientSecret, Instant until) {
    public Admission withColor(String other) {
        return new Admission(role, name, other, clientSecret, until);
    }
}
