package eu.postdesk.bench;

import eu.postdesk.detect.SensitiveDataScanner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fastest-run detection speed, robust on a busy machine: scans the mixed and the dense corpus with
 * each named scanner in turn, {@code rounds} times, and keeps each one's fastest scan (the one the
 * scheduler disturbed least). Scanners: {@code default} ({@link SensitiveDataScanner#standard()} as
 * built; the only one that also runs against a build from before the rule files), {@code none},
 * {@code gitleaks} (see {@link RuleSets}). Usage: {@code DetectionRatio <rounds> <scanner>...}.
 */
public final class DetectionRatio {
    private DetectionRatio() {
    }

    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        List<String> names = List.of(args).subList(1, args.length);
        List<SensitiveDataScanner> scanners = new ArrayList<>();
        for (String name : names) {
            scanners.add(switch (name) {
                case "none" -> RuleSets.withoutRules();
                case "gitleaks" -> RuleSets.withGitleaksRules();
                default -> SensitiveDataScanner.standard();
            });
        }
        String[] texts = {SupportMailCorpus.mixed(), SupportMailCorpus.dense()};
        String[] textNames = {"mixed", "dense"};
        long[][] fastest = new long[scanners.size()][texts.length];
        for (long[] row : fastest) {
            java.util.Arrays.fill(row, Long.MAX_VALUE);
        }
        for (int round = 0; round < rounds; round++) {
            for (int t = 0; t < texts.length; t++) {
                for (int s = 0; s < scanners.size(); s++) {
                    long started = System.nanoTime();
                    scanners.get(s).scan(texts[t]);
                    fastest[s][t] = Math.min(fastest[s][t], System.nanoTime() - started);
                }
            }
        }
        for (int t = 0; t < texts.length; t++) {
            double megabytes = texts[t].getBytes(StandardCharsets.UTF_8).length / 1e6;
            for (int s = 0; s < scanners.size(); s++) {
                double ms = fastest[s][t] / 1e6;
                System.out.printf("%s\t%s\t%.2f MB\tfastest %.1f ms\t%.1f MB/s%n", textNames[t], names.get(s), megabytes, ms,
                        megabytes / (ms / 1000));
            }
        }
    }
}
