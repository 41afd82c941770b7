package dev.tandem.support.server;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx (Debian's) in front of the server, as corporate networks put one. Configured as
 * most are, with nothing but {@code proxy_pass} (and the client's Host kept), it speaks HTTP/1.0
 * upstream and drops the WebSocket upgrade, while plain and long-held requests pass.
 * {@link #passWebSockets} reloads it configured to pass them, as an administrator would.
 */
public final class NginxProxy implements AutoCloseable {
    private final Path prefix;
    private final int port;
    private final List<URI> upstreams;
    private Process process;
    /** Set: TLS ends here, with this certificate (https and wss outside, plain HTTP to the servers). */
    private TestCertificate tls;

    public NginxProxy(Path prefix, URI upstream) throws IOException {
        this(prefix, List.of(upstream));
    }

    /** In front of several servers, taking turns (round robin), with no stickiness of any kind. */
    public NginxProxy(Path prefix, List<URI> upstreams) throws IOException {
        this.prefix = prefix.toAbsolutePath();
        this.upstreams = List.copyOf(upstreams);
        this.port = FreePorts.take();
    }

    /** Ends TLS here, with {@code certificate}: to be called before {@link #start}. */
    public NginxProxy withTls(TestCertificate certificate) {
        tls = certificate;
        return this;
    }

    /** http://localhost:PORT/, or https:// with TLS. */
    public URI base() {
        return URI.create(origin() + "/");
    }

    /** The origin of pages people reach through the proxy. */
    public String origin() {
        return (tls == null ? "http" : "https") + "://localhost:" + port;
    }

    public void start() throws IOException, InterruptedException {
        Files.createDirectories(prefix.resolve("tmp"));
        writeConfig(false);
        process = new ProcessBuilder(nginx(), "-p", prefix.toString(), "-c", config().toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(prefix.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!listening()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("nginx did not start; see " + prefix);
            }
            Thread.sleep(50);
        }
    }

    /** Reconfigures it to pass WebSocket upgrades, and reloads it. */
    public void passWebSockets() throws IOException, InterruptedException {
        writeConfig(true);
        Process reload = new ProcessBuilder(nginx(), "-p", prefix.toString(), "-c", config().toString(), "-s", "reload")
                .redirectErrorStream(true).redirectOutput(prefix.resolve("reload.log").toFile()).start();
        if (reload.waitFor() != 0) {
            throw new IllegalStateException("nginx did not reload; see " + prefix);
        }
    }

    private void writeConfig(boolean webSockets) throws IOException {
        String passUpgrade = webSockets ? """
                        proxy_http_version 1.1;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection "upgrade";
                """ : "";
        Files.writeString(config(), """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events { worker_connections 512; }
                http {
                    log_format upstreams '$request $status $upstream_addr';
                    access_log %1$s/access.log upstreams;
                    client_body_temp_path %1$s/tmp/body;
                    proxy_temp_path %1$s/tmp/proxy;
                    fastcgi_temp_path %1$s/tmp/fastcgi;
                    uwsgi_temp_path %1$s/tmp/uwsgi;
                    scgi_temp_path %1$s/tmp/scgi;
                    upstream tandem {
                %3$s    }
                    server {
                        listen 127.0.0.1:%2$d%5$s;
                        location / {
                            proxy_pass http://tandem;
                            proxy_set_header Host $http_host;
                %4$s        }
                    }
                }
                """.formatted(prefix, port, servers(), passUpgrade, tls == null ? "" : " ssl;\n"
                        + "        ssl_certificate " + tls.certificate() + ";\n"
                        + "        ssl_certificate_key " + tls.key()));
    }

    private String servers() {
        StringBuilder servers = new StringBuilder();
        for (URI upstream : upstreams) {
            servers.append("        server 127.0.0.1:").append(upstream.getPort()).append(";\n");
        }
        return servers.toString();
    }

    /** How many of the servers behind got requests whose path starts with {@code path}. */
    public long upstreamsUsed(String path) throws IOException {
        return Files.readAllLines(prefix.resolve("access.log")).stream()
                .filter(line -> line.split(" ").length >= 5 && line.split(" ")[1].startsWith(path))
                .map(line -> line.substring(line.lastIndexOf(' ') + 1)).distinct().count();
    }

    private Path config() {
        return prefix.resolve("nginx.conf");
    }

    private boolean listening() {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String nginx() {
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/bin/nginx")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "nginx";
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
