package dev.tandem.support.server;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Tandem's WAR on Payara Micro in a process of its own, started the way the README's run command
 * starts it (same jar, same pre-boot commands, a root directory of its own under target/), so
 * that tests can stop, kill and restart it.
 */
public final class PayaraMicroProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("ready in [0-9]");

    private final Path rootDir;
    private final Path log;
    private final int port;
    /** The port of MicroProfile's endpoints (health, metrics), on loopback: the README's 9080 would clash between servers. */
    private final int managementPort;
    private Process process;

    private final List<String> settings;
    private Path preBootCommands = Path.of("src/main/payara/pre-boot-commands.asadmin");
    private final List<String> options = new ArrayList<>();
    private final List<String> jvmArguments = new ArrayList<>();
    private final Map<String, String> environment = new HashMap<>();
    /** The java that runs the server: the tests' own, unless {@link #onJava} says otherwise. */
    private String javaCommand = ProcessHandle.current().info().command().orElse("java");
    /** The data grid's options of a node of a cluster; a server on its own has none. */
    private List<String> cluster = List.of("--nocluster");

    /** {@code settings}: MicroProfile Config properties for the server, as name=value. */
    public PayaraMicroProcess(Path rootDir, List<String> settings) throws IOException {
        this.rootDir = rootDir;
        this.settings = settings;
        this.log = rootDir.resolveSibling(rootDir.getFileName() + ".log");
        this.port = FreePorts.take();
        this.managementPort = FreePorts.take();
        withMorePreBootCommands(List.of("set configs.config.server-config.network-config.network-listeners"
                + ".network-listener.management-listener.port=" + managementPort));
    }

    /** Arguments for the JVM itself, before the server's ({@code @file}: an argument file). */
    public PayaraMicroProcess withJvmArguments(List<String> arguments) {
        jvmArguments.addAll(arguments);
        return this;
    }

    /** Runs the server on another JDK's {@code java}. */
    public PayaraMicroProcess onJava(String command) {
        javaCommand = command;
        return this;
    }

    /** The java that runs the server. */
    public String java() {
        return javaCommand;
    }

    /** The running server's process id. */
    public long pid() {
        return process.pid();
    }

    /** The executable of the running server's process, as the system sees it. */
    public String processCommand() {
        return process.info().command().orElseThrow();
    }

    /** More Payara Micro command-line options and environment variables, for every start. */
    public PayaraMicroProcess with(List<String> moreOptions, Map<String, String> moreEnvironment) {
        options.addAll(moreOptions);
        environment.putAll(moreEnvironment);
        return this;
    }

    /**
     * One node of cluster {@code name} on loopback, its data grid on {@code gridPort}, finding
     * the others at {@code gridPorts}: with the data grid on, as docs/operations.md starts a node.
     */
    public PayaraMicroProcess inCluster(String name, int gridPort, List<Integer> gridPorts) throws IOException {
        cluster = List.of("--clustermode", "tcpip:" + String.join(",", gridPorts.stream().map(p -> "127.0.0.1:" + p).toList()),
                "--interfaces", "127.0.0.1", "--clustername", name, "--startport", Integer.toString(gridPort));
        return withMorePreBootCommands(List.of(Files.readString(Path.of("src/main/payara/cluster.asadmin"))));
    }

    /**
     * The README's pre-boot commands and then {@code more}, for every start: a test's deliberate
     * difference from the README's set-up.
     */
    public PayaraMicroProcess withMorePreBootCommands(List<String> more) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(preBootCommands));
        lines.addAll(more);
        preBootCommands = rootDir.resolveSibling(rootDir.getFileName() + "-pre-boot-commands.asadmin");
        Files.createDirectories(rootDir.getParent());
        Files.write(preBootCommands, lines);
        return this;
    }

    /** The TCP ports the server's process listens on (Linux: from /proc). */
    public Set<Integer> listeningPorts() throws IOException {
        return new TreeSet<>(listening().keySet());
    }

    /** The TCP ports the server's process listens on, each with the address it is bound to. */
    public Map<Integer, java.net.InetAddress> listening() throws IOException {
        Set<String> sockets = new HashSet<>();
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
            for (Path descriptor : descriptors) {
                try {
                    String target = Files.readSymbolicLink(descriptor).toString();
                    if (target.startsWith("socket:[")) {
                        sockets.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // gone between listing and reading
                }
            }
        }
        Map<Integer, java.net.InetAddress> ports = new java.util.TreeMap<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                // local address, state (0A: listening), inode
                if (fields[3].equals("0A") && sockets.contains(fields[9])) {
                    String local = fields[1];
                    ports.put(Integer.parseInt(local.substring(local.indexOf(':') + 1), 16),
                            address(local.substring(0, local.indexOf(':'))));
                }
            }
        }
        return ports;
    }

    /** An address as /proc/net shows it: 32-bit words in hex, each in the machine's (little-endian) byte order. */
    private static java.net.InetAddress address(String hex) throws java.net.UnknownHostException {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = 8 * word + 2 * (3 - i);
                bytes[4 * word + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return java.net.InetAddress.getByAddress(bytes); // an IPv4 address mapped into IPv6 comes back as IPv4
    }

    public int port() {
        return port;
    }

    /** Where MicroProfile's endpoints are: http://127.0.0.1:PORT/ (health/ready, metrics, ...). */
    public URI management() {
        return URI.create("http://127.0.0.1:" + managementPort + "/");
    }

    public int managementPort() {
        return managementPort;
    }

    /** http://localhost:PORT/ */
    public URI base() {
        return URI.create("http://localhost:" + port + "/");
    }

    public synchronized void start() throws IOException, InterruptedException {
        Files.createDirectories(rootDir.getParent());
        List<String> command = new ArrayList<>(List.of(
                javaCommand,
                "-Djava.io.tmpdir=" + rootDir.getParent()));
        settings.forEach(setting -> command.add("-D" + setting));
        command.add("-Dtandem.management-port=" + managementPort);
        command.addAll(jvmArguments);
        command.addAll(List.of(
                "-jar", System.getProperty("tandem.payara.jar"),
                "--deploy", System.getProperty("tandem.war", "target/tandem.war"),
                "--contextroot", "/",
                "--shutdowngrace", "1500", // as the README's: time to tell everyone to reconnect
                "--port", Integer.toString(port),
                "--rootdir", rootDir.toString(),
                "--prebootcommandfile", preBootCommands.toString()));
        command.addAll(cluster);
        command.addAll(options);
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!READY.matcher(logSince(logStart)).find()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("Payara Micro did not start; its log: " + log);
            }
            Thread.sleep(200);
        }
    }

    /** A clean shutdown (SIGTERM), as an operator stops the server. */
    public synchronized void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** kill -9: the process gets no chance to save anything. */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Everything the server has logged, across its restarts. */
    public String log() throws IOException {
        return logSince(0);
    }

    private String logSince(long offset) throws IOException {
        byte[] bytes = Files.readAllBytes(log);
        return new String(bytes, (int) Math.min(offset, bytes.length), (int) Math.max(0, bytes.length - offset));
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
