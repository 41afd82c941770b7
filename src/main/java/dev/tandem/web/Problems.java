package dev.tandem.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The API's refusals: a status and {@code {"error": "..."}}, saying what is wrong. */
final class Problems {
    private Problems() {
    }

    /** Public, for JSON-B to write. */
    public record Problem(String error) {
    }

    static Response of(Response.Status status, String message) {
        return of(status.getStatusCode(), message);
    }

    static Response of(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new Problem(message)).build();
    }
}
