package dev.tandem.access;

/**
 * What a join is let in as: its role, the name and colour others see, and, for a guest's new
 * client id, the secret that binds the id to that guest (null otherwise).
 */
public record Admission(Role role, String name, String color, String clientSecret) {
}
