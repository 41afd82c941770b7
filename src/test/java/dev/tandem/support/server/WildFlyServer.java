package dev.tandem.support.server;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * WildFly (unpacked by the build under target/wildfly), with Tandem's WAR deployed at the root
 * context as it ships, on WildFly's default data source: the second Jakarta EE server the WAR is
 * tested on. Each server has a base directory of its own (a copy of WildFly's {@code standalone}),
 * free ports, and the MicroProfile configuration, which has MicroProfile Config and Health.
 */
public final class WildFlyServer implements AutoCloseable {
    private final Path home = Path.of(System.getProperty("tandem.wildfly.home", "target/wildfly/wildfly"));
    private final Path base;
    private final int port;
    private final int managementPort;
    private final Map<String, String> environment;
    private Process process;

    /** {@code environment}: Tandem's settings as environment variables (TANDEM_ACCESS=link, ...). */
    public WildFlyServer(Path base, Map<String, String> environment) throws IOException {
        this.base = base.toAbsolutePath();
        this.environment = environment;
        this.port = freePort();
        this.managementPort = freePort();
    }

    private static int freePort() {
        return FreePorts.take();
    }

    public URI base() {
        return URI.create("http://localhost:" + port + "/");
    }

    /** WildFly's management interface, where its health checks are (Tandem's among them). */
    public URI management() {
        return URI.create("http://127.0.0.1:" + managementPort + "/");
    }

    public Path log() {
        return base.resolve("console.log");
    }

    public void start() throws IOException, InterruptedException {
        copy(home.resolve("standalone"), base);
        Files.copy(Path.of(System.getProperty("tandem.war", "target/tandem.war")),
                base.resolve("deployments").resolve("ROOT.war"), StandardCopyOption.REPLACE_EXISTING);
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin").resolve("standalone.sh").toString(),
                "-c", "standalone-microprofile.xml", "-Djboss.server.base.dir=" + base,
                "-Djboss.http.port=" + port, "-Djboss.https.port=" + freePort(),
                "-Djboss.management.http.port=" + managementPort, "-Djboss.management.https.port=" + freePort(),
                "-Djboss.bind.address=127.0.0.1", "-Djboss.bind.address.management=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(log().toFile());
        builder.environment().putAll(environment);
        builder.environment().put("JAVA_HOME", Path.of(ProcessHandle.current().info().command().orElseThrow())
                .getParent().getParent().toString());
        process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (true) {
            String log = Files.exists(log()) ? Files.readString(log()) : "";
            if (log.contains("WFLYSRV0010: Deployed \"ROOT.war\"")) {
                return;
            }
            if (log.contains("WFLYSRV0026") || !process.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("WildFly did not deploy Tandem; its log: " + log());
            }
            Thread.sleep(200);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Stops the server (the script and the JVM it started). */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception stillRunning) {
                handle.destroyForcibly();
            }
        }
    }
}
