package eu.postdesk.pipeline;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real SpamAssassin spamd (Debian packages {@code spamassassin} and {@code spamd}) on a loopback
 * port, with its own home folder for the Bayes database, learning allowed ({@code --allow-tell}).
 */
public final class RealSpamd implements AutoCloseable {
    private static final Path SPAMD = Path.of("/usr/sbin/spamd");
    private final Path folder;
    private final int port;
    private final Process process;

    public static boolean installed() {
        return Files.isExecutable(SPAMD);
    }

    public RealSpamd() throws IOException {
        folder = Files.createTempDirectory("postdesk-spamd-");
        Path home = Files.createDirectories(folder.resolve("home"));
        home.toFile().setWritable(true, false);
        folder.toFile().setExecutable(true, false);
        // the site configuration of the package, plus where the Bayes database of this instance lives
        Path site = Files.createDirectories(folder.resolve("site"));
        try (var files = Files.list(Path.of("/etc/spamassassin"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, site.resolve(file.getFileName().toString()));
            }
        }
        Files.writeString(site.resolve("zz-postdesk-test.cf"), "bayes_path " + home.resolve("bayes") + "\nbayes_file_mode 0777\nlock_method flock\n");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        process = new ProcessBuilder(SPAMD.toString(), "--listen=127.0.0.1:" + port, "--allow-tell", "--nouser-config",
                "--max-children=2", "--pidfile=" + folder.resolve("spamd.pid"), "-u", "nobody", "-H", home.toString(), "--siteconfigpath=" + site, "-s", "stderr")
                .redirectErrorStream(true).redirectOutput(folder.resolve("spamd.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("spamd stopped at start; see " + folder.resolve("spamd.log"));
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
            }
        }
        throw new IOException("spamd did not listen within 2 minutes; see " + folder.resolve("spamd.log"));
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }
}
