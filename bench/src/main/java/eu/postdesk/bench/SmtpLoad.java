package eu.postdesk.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Ingress load: N distinct support messages over SMTP from K concurrent sessions into a running
 * Postdesk, then waits until {@code /api/pipeline} shows every one settled. Prints messages/s from
 * the first byte sent to the last ticket committed, and the server's latency from 250 to the
 * committed outcome.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar eu.postdesk.bench.SmtpLoad --port 2525 --messages 10000 --sessions 8 --size 4096 \
 *      [--host 127.0.0.1] [--api http://127.0.0.1:8080 | none] [--token T] [--to support@bench.test]
 *      [--customers 2000] [--seed S] [--timeout-seconds 1800]
 * </pre>
 */
public final class SmtpLoad {
    private static final String DEFAULT_TOKEN = "bench-admin-token-0123456789abcdef";

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String host = options.getOrDefault("host", "127.0.0.1");
        int port = Integer.parseInt(required(options, "port"));
        int messages = Integer.parseInt(required(options, "messages"));
        int sessions = Integer.parseInt(options.getOrDefault("sessions", "8"));
        int size = Integer.parseInt(options.getOrDefault("size", "4096"));
        String api = options.getOrDefault("api", "http://127.0.0.1:8080");
        String token = options.getOrDefault("token", DEFAULT_TOKEN);
        String to = options.getOrDefault("to", "support@bench.test");
        int customers = Integer.parseInt(options.getOrDefault("customers", "2000"));
        long seed = Long.parseLong(options.getOrDefault("seed", Long.toString(System.currentTimeMillis())));
        Duration timeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout-seconds", "1800")));

        // --api none: only the SMTP half, e.g. against Postfix's smtp-sink to check the generator keeps up
        boolean waitForTickets = !"none".equals(api);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        PipelineFigures before = waitForTickets ? PipelineFigures.read(http, api, token) : null;
        SupportMessages corpus = new SupportMessages(size, to, customers, seed);
        long sampleBytes = 0;
        for (int n = 0; n < 100; n++) {
            sampleBytes += corpus.message(n).length;
        }
        System.out.printf(Locale.ROOT, "sending %d messages (~%d bytes each) from %d sessions to %s:%d (%d customers, seed %d)%n",
                messages, sampleBytes / 100, sessions, host, port, customers, seed);

        AtomicInteger next = new AtomicInteger();
        long[] ackMicros = new long[messages];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> senders = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            senders.add(Thread.ofPlatform().name("smtp-" + s).start(() -> {
                try {
                    go.await();
                    try (SmtpClientSession session = new SmtpClientSession(host, port)) {
                        int n;
                        while ((n = next.getAndIncrement()) < messages && failure.get() == null) {
                            byte[] message = corpus.message(n);
                            long start = System.nanoTime();
                            long accepted = session.send(corpus.sender(n), to, message);
                            ackMicros[n] = (accepted - start) / 1_000;
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        Instant firstByte = Instant.now();
        long startNanos = System.nanoTime();
        go.countDown();
        for (Thread sender : senders) {
            sender.join();
        }
        long smtpNanos = System.nanoTime() - startNanos;
        if (failure.get() != null) {
            System.err.println("the load failed: " + failure.get());
            System.exit(2);
        }
        Arrays.sort(ackMicros);
        System.out.printf(Locale.ROOT, "SMTP done: %d messages in %.2f s = %.1f messages/s accepted; client-side MAIL..250 p50 %.1f ms, p99 %.1f ms%n",
                messages, smtpNanos / 1e9, messages / (smtpNanos / 1e9),
                ackMicros[percentileIndex(messages, 0.50)] / 1e3, ackMicros[percentileIndex(messages, 0.99)] / 1e3);

        if (!waitForTickets) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastReport = System.nanoTime();
        PipelineFigures now;
        while (true) {
            now = PipelineFigures.read(http, api, token);
            long settled = now.settled() - before.settled();
            long spooled = now.spooled() - before.spooled();
            if (settled >= spooled && now.pending() == 0) {
                break;
            }
            if (System.nanoTime() > deadline) {
                System.err.printf("timed out waiting: %d of %d spooled settled%n", settled, spooled);
                System.exit(3);
            }
            if (System.nanoTime() - lastReport > 10_000_000_000L) {
                System.out.printf(Locale.ROOT, "  ... %d of %d spooled messages settled%n", settled, spooled);
                lastReport = System.nanoTime();
            }
            Thread.sleep(250);
        }
        long spooled = now.spooled() - before.spooled();
        double seconds = Duration.between(firstByte, now.lastSettledAt()).toMillis() / 1e3;
        if (spooled < messages) {
            System.out.printf(Locale.ROOT, "NOTE: only %d of %d messages were spooled: the rest had content seen before%n", spooled, messages);
        }
        System.out.printf(Locale.ROOT, "first byte %s, last ticket committed %s: %.2f s%n", firstByte, now.lastSettledAt(), seconds);
        System.out.printf(Locale.ROOT, "RESULT messages=%d sessions=%d size=%d spooled=%d throughput=%.1f msg/s smtpAccept=%.1f msg/s p50=%d ms p99=%d ms max=%d ms%n",
                messages, sessions, size, spooled, messages / seconds, messages / (smtpNanos / 1e9),
                now.latencyP50Ms(), now.latencyP99Ms(), now.latencyMaxMs());
    }

    private static int percentileIndex(int count, double p) {
        return Math.max(0, Math.min(count - 1, (int) Math.ceil(p * count) - 1));
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got: " + String.join(" ", args));
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
