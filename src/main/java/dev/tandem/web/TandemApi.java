package dev.tandem.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Tandem's HTTP API, under {@code /api}. */
@ApplicationPath("/api")
public class TandemApi extends Application {
}
