package dev.tandem.support.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server (Debian's package) of the tests' own: a new cluster under target/, on
 * a free port of loopback, with a database {@code tandem} owned by a user {@code tandem} whose
 * password is made up for the run. Run as root, its programs run as the {@code postgres} user,
 * since PostgreSQL refuses to run as root.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String DATABASE = "tandem";
    public static final String USER = "tandem";

    private final Path dir;
    private final Path bin;
    private final int port;
    private final String password = UUID.randomUUID().toString();
    private boolean started;

    public PostgresServer(Path dir) throws IOException {
        this.dir = dir.toAbsolutePath();
        this.bin = binaries();
        this.port = FreePorts.take();
    }

    public int port() {
        return port;
    }

    public String password() {
        return password;
    }

    /** The environment that points Tandem at this server (docs/operations.md). */
    public Map<String, String> tandemEnvironment() {
        return Map.of("TANDEM_DB_HOST", "127.0.0.1", "TANDEM_DB_PORT", Integer.toString(port),
                "TANDEM_DB_NAME", DATABASE, "TANDEM_DB_USER", USER, "TANDEM_DB_PASSWORD", password);
    }

    /** The process id of the running server (its first process, whose children do the work). */
    public long pid() throws IOException {
        return Long.parseLong(Files.readAllLines(dir.resolve("data/postmaster.pid")).get(0).trim());
    }

    public void start() throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, password);
        if (asRoot()) {
            run("chown", "-R", "postgres:postgres", dir.toString());
        }
        Path data = dir.resolve("data");
        runAsOwner(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--pwfile=" + passwordFile,
                "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C");
        runAsOwner(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
                "-w", "-t", "60", "-o", options(), "start");
        started = true;
        runAsOwner(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", USER,
                DATABASE);
    }

    /** Restarts the server as an administrator would: every open connection is terminated. */
    public void restart() throws IOException, InterruptedException {
        runAsOwner(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                dir.resolve("server.log").toString(), "-m", "fast", "-w", "-t", "60", "restart");
    }

    /** Stops the server, keeping its data, until {@link #resume}. */
    public void pause() throws IOException, InterruptedException {
        runAsOwner(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
    }

    public void resume() throws IOException, InterruptedException {
        runAsOwner(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                dir.resolve("server.log").toString(), "-w", "-t", "60", "-o", options(), "start");
    }

    private String options() {
        return "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (started) {
            runAsOwner(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
            started = false;
        }
    }

    /** The newest installed major version's programs: /usr/lib/postgresql/N/bin. */
    private static Path binaries() throws IOException {
        Path installed = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(installed)) {
            try (Stream<Path> versions = Files.list(installed)) {
                Path newest = versions.filter(version -> Files.isExecutable(version.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(version -> Integer.parseInt(version.getFileName().toString())))
                        .orElse(null);
                if (newest != null) {
                    return newest.resolve("bin");
                }
            }
        }
        throw new IllegalStateException("PostgreSQL is not installed (apt-get install postgresql; .ci/run does it)");
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void runAsOwner(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        if (asRoot()) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(List.of(command));
        run(line.toArray(String[]::new));
    }

    private void run(String... command) throws IOException, InterruptedException {
        Path output = dir.resolve("commands.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().put("PGPASSWORD", password);
        Process process = builder.start();
        if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed; see " + output);
        }
    }
}
