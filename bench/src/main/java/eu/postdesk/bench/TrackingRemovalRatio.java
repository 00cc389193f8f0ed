package eu.postdesk.bench;

import java.nio.charset.StandardCharsets;

/**
 * A check of {@link StripTrackingBenchmark}'s ratio that holds up on a busy shared machine: it alternates
 * parse-only and tracking removal on the same newsletter and keeps the fastest run of each, which is
 * the run the scheduler disturbed least. Run with
 * {@code java -cp <bench classpath> eu.postdesk.bench.TrackingRemovalRatio}.
 */
public final class TrackingRemovalRatio {
    private TrackingRemovalRatio() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        System.out.println("newsletter  bytes   parse-only MB/s  stripHtml MB/s  mailet MB/s  strip/parse");
        for (String name : new String[] {"retail", "saas", "news"}) {
            StripTrackingBenchmark benchmark = new StripTrackingBenchmark();
            benchmark.newsletter = name;
            benchmark.setUp();
            int bytes = benchmark.html().getBytes(StandardCharsets.UTF_8).length;
            long parse = Long.MAX_VALUE;
            long strip = Long.MAX_VALUE;
            long mailet = Long.MAX_VALUE;
            for (int i = 0; i < rounds; i++) {
                long t0 = System.nanoTime();
                benchmark.parseOnly();
                long t1 = System.nanoTime();
                benchmark.stripHtml();
                long t2 = System.nanoTime();
                benchmark.stripTrackingMailet();
                long t3 = System.nanoTime();
                parse = Math.min(parse, t1 - t0);
                strip = Math.min(strip, t2 - t1);
                mailet = Math.min(mailet, t3 - t2);
            }
            System.out.printf("%-10s %7d  %15.1f  %14.1f  %11.1f  %11.2f%n", name, bytes,
                    mbPerSecond(bytes, parse), mbPerSecond(bytes, strip), mbPerSecond(bytes, mailet), (double) parse / strip);
        }
    }

    private static double mbPerSecond(int bytes, long nanos) {
        return bytes / 1e6 / (nanos / 1e9);
    }
}
