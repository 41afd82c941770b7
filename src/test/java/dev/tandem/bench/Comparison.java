package dev.tandem.bench;

import dev.tandem.support.server.FreePorts;
import dev.tandem.support.server.PayaraMicroProcess;
import dev.tandem.support.server.PostgresServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Tandem against ShareDB, durable against durable, in one run (docs/benchmarks.md):
 * {@code mvn -DskipTests package exec:exec@compare}.
 *
 * <p>Starts one PostgreSQL as the tests do (fsync and synchronous commit on, its defaults), then
 * each system in turn: ShareDB 7 with ot-text-unicode in memory and on that PostgreSQL
 * (sharedb-postgres), Tandem on its embedded database and on that PostgreSQL, each as its README
 * starts it. The same load driver (src/test/js/bench/load-driver.mjs, on Node) types into each:
 * one person alone, then {@code busy} people in one document, every edit after the ack of the one
 * before. It prints the driver's lines: throughput, ack latency, and the CPU per edit of the
 * server, of the database, and of the driver itself.
 *
 * <p>Options (system properties): {@code lone} (edits of the lone typist, 2000), {@code busy}
 * (people in the busy document, 50), {@code busyEdits} (edits each, 200), {@code rounds} (3; read
 * the last), {@code systems} (a comma-separated subset of sharedb-memory, sharedb-postgresql,
 * tandem-embedded, tandem-postgresql), {@code tandemSettings} (more settings of Tandem's, name=value,
 * comma-separated).
 */
public final class Comparison {
    private static final Path WORK = Path.of("target/comparison").toAbsolutePath();
    private static final Path SCRIPTS = Path.of("src/test/js/bench");
    /** Tandem's limits for one load driver whose people all come from one address and type flat out. */
    private static final List<String> UNLIMITED = List.of("tandem.access=link", "tandem.edits-per-second=1000000",
            "tandem.edits-per-second-per-address=1000000", "tandem.joins-per-minute-per-address=1000000",
            "tandem.history-window=100000");

    private final int lone = Integer.getInteger("lone", 2000);
    private final int busy = Integer.getInteger("busy", 50);
    private final int busyEdits = Integer.getInteger("busyEdits", 200);
    private final int rounds = Integer.getInteger("rounds", 3);
    /** Rounds typed into each system before the reported ones: every system is measured warm. */
    private final int warmup = Integer.getInteger("warmup", 1);
    private final List<String> systems = List.of(System.getProperty("systems",
            "sharedb-memory,sharedb-postgresql,tandem-embedded,tandem-postgresql").split(","));

    public static void main(String[] args) throws Exception {
        new Comparison().run();
    }

    private void run() throws Exception {
        installDriver();
        for (String left : List.of("postgres", "tandem-embedded", "tandem-postgresql")) {
            deleteTree(WORK.resolve(left)); // every run starts from empty databases
        }
        try (PostgresServer postgres = new PostgresServer(WORK.resolve("postgres"))) {
            postgres.start();
            for (String system : systems) {
                switch (system) {
                    case "sharedb-memory" -> sharedb(system, null, 0);
                    case "sharedb-postgresql" -> sharedb(system, postgres, postgres.pid());
                    case "tandem-embedded" -> tandem(system, null);
                    case "tandem-postgresql" -> tandem(system, postgres);
                    default -> throw new IllegalArgumentException("no system " + system);
                }
            }
        }
    }

    /** ShareDB, its client and the driver, from the npm registry, under target/ (once). */
    private void installDriver() throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "sharedb-server.mjs", "load-driver.mjs")) {
            Files.copy(SCRIPTS.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(WORK.resolve("node_modules/sharedb"))) {
            await(new ProcessBuilder("npm", "install", "--no-audit", "--no-fund").directory(WORK.toFile()).inheritIO().start(),
                    "npm install");
        }
    }

    private void sharedb(String label, PostgresServer postgres, long databasePid) throws Exception {
        int port = FreePorts.take();
        ProcessBuilder builder = new ProcessBuilder("node", "sharedb-server.mjs").directory(WORK.toFile())
                .redirectErrorStream(true);
        builder.environment().put("PORT", Integer.toString(port));
        if (postgres != null) {
            builder.environment().put("DATABASE_URL", "postgres://" + PostgresServer.USER + ":" + postgres.password()
                    + "@127.0.0.1:" + postgres.port() + "/" + PostgresServer.DATABASE);
        }
        Process server = builder.start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line = output.readLine();
            if (!"listening".equals(line)) {
                throw new IllegalStateException("ShareDB did not start: " + line);
            }
            drive(label, "sharedb", "ws://127.0.0.1:" + port + "/", server.pid(), databasePid);
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void tandem(String label, PostgresServer postgres) throws Exception {
        Path rootDir = WORK.resolve(label);
        List<String> settings = new ArrayList<>(UNLIMITED);
        String more = System.getProperty("tandemSettings", "");
        if (!more.isBlank()) {
            settings.addAll(List.of(more.split(",")));
        }
        PayaraMicroProcess server = new PayaraMicroProcess(rootDir, settings);
        if (postgres != null) {
            server.with(List.of("--addlibs", Path.of("target/runtime/postgresql.jar").toAbsolutePath().toString(),
                    "--postbootcommandfile", "src/main/payara/postgresql.asadmin"),
                    postgres.tandemEnvironment());
        }
        try (server) {
            server.start();
            drive(label, "tandem", "ws://127.0.0.1:" + server.port() + "/ws/docs/", server.pid(),
                    postgres == null ? 0 : postgres.pid());
        }
    }

    /** The driver's scenarios against one running system; its lines go to this output. */
    private void drive(String label, String system, String url, long serverPid, long databasePid) throws Exception {
        for (int[] scenario : new int[][] {{1, lone}, {busy, busyEdits}}) {
            List<String> command = new ArrayList<>(List.of("node", "load-driver.mjs", "system=" + system, "label=" + label,
                    "url=" + url, "clients=" + scenario[0], "edits=" + scenario[1], "rounds=" + rounds, "warmup=" + warmup,
                    "server=" + serverPid));
            if (databasePid != 0) {
                command.add("database=" + databasePid);
            }
            await(new ProcessBuilder(command).directory(WORK.toFile()).inheritIO().start(), "the load driver");
        }
    }

    private static void await(Process process, String what) throws InterruptedException {
        if (process.waitFor() != 0) {
            throw new IllegalStateException(what + " failed (exit " + process.exitValue() + ")");
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
