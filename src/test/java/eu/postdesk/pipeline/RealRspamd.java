package eu.postdesk.pipeline;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real rspamd (Debian package {@code rspamd}) on loopback with its own configuration, database
 * and log folders, copied from the package's {@code /etc/rspamd} with local overrides: only the
 * normal worker on a free port, no network lookups that matter. Started once per test JVM.
 */
public final class RealRspamd implements AutoCloseable {
    private static final Path PACKAGE_CONF = Path.of("/etc/rspamd");
    private final Path folder;
    private final int port;
    private int controllerPort;
    private Process process;

    public static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/rspamd")) && Files.isDirectory(PACKAGE_CONF);
    }

    public RealRspamd() throws IOException {
        folder = Files.createTempDirectory("postdesk-rspamd-");
        port = freePort();
        Path conf = folder.resolve("conf");
        try (Stream<Path> files = Files.walk(PACKAGE_CONF)) {
            for (Path source : files.toList()) {
                Path target = conf.resolve(PACKAGE_CONF.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        for (String dir : List.of("db", "run", "log")) {
            Files.createDirectories(folder.resolve(dir));
        }
        Files.writeString(conf.resolve("local.d/worker-normal.inc"), "bind_socket = \"127.0.0.1:" + port + "\";\ncount = 1;\n");
        controllerPort = freePort();
        Files.writeString(conf.resolve("local.d/worker-controller.inc"), "bind_socket = \"127.0.0.1:" + controllerPort + "\";\ncount = 1;\n");
        // Bayes in SQLite files of this instance (the package's default wants Redis), learning from the first message
        // the learn cache too: the package's default is one file for the whole machine, shared by every instance and run
        Files.writeString(conf.resolve("override.d/classifier-bayes.conf"), "backend = \"sqlite3\";\nmin_learns = 1;\n"
                + "cache { path = \"" + folder.resolve("db/learn_cache.sqlite") + "\"; }\n"
                + "learn_condition = \"return function() return true end\";\n"
                + "statfile { symbol = \"BAYES_HAM\"; spam = false; path = \"" + folder.resolve("db/bayes.ham.sqlite") + "\"; }\n"
                + "statfile { symbol = \"BAYES_SPAM\"; spam = true; path = \"" + folder.resolve("db/bayes.spam.sqlite") + "\"; }\n");
        Files.writeString(conf.resolve("local.d/worker-proxy.inc"), "bind_socket = \"127.0.0.1:" + freePort() + "\";\ncount = 1;\n");
        Files.writeString(conf.resolve("local.d/logging.inc"), "type = \"file\";\nfilename = \"" + folder.resolve("log/rspamd.log") + "\";\nlevel = \"warning\";\n");
        Files.writeString(conf.resolve("local.d/options.inc"), "dns { timeout = 0.5s; retransmits = 1; }\n");
        start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The controller worker, where rspamd learns ({@code /learnspam}). */
    public URI controllerUrl() {
        return URI.create("http://127.0.0.1:" + controllerPort);
    }

    public void start() throws IOException {
        Path conf = folder.resolve("conf");
        process = new ProcessBuilder("/usr/bin/rspamd", "-f", "-i", "-u", "root", "-g", "root", "-c", conf.resolve("rspamd.conf").toString(),
                "--var=CONFDIR=" + conf, "--var=LOCAL_CONFDIR=" + conf, "--var=DBDIR=" + folder.resolve("db"),
                "--var=RUNDIR=" + folder.resolve("run"), "--var=LOGDIR=" + folder.resolve("log"))
                .redirectErrorStream(true).redirectOutput(folder.resolve("log/stdout.txt").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        HttpClient http = HttpClient.newHttpClient();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url() + "/checkv2"))
                        .POST(HttpRequest.BodyPublishers.ofString("Subject: ping\r\n\r\nping\r\n")).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still loading its rules
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            if (!process.isAlive()) {
                throw new IOException("rspamd stopped at start: see " + folder.resolve("log"));
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        throw new IOException("rspamd did not answer within 3 minutes: see " + folder.resolve("log"));
    }

    /** Stops rspamd and its workers (they leave with their main process). */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
