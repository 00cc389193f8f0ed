package eu.postdesk.bench;

import eu.postdesk.detect.Finding;
import eu.postdesk.detect.SensitiveDataScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which planted secrets of {@code recall.txt} each tool finds: ours ({@link SensitiveDataScanner})
 * and secretlint (its ranges, from the JSON lines that {@code bench/secretlint/run.mjs} printed).
 * A planted value counts as found when a finding overlaps it. Prints a Markdown table.
 * Usage: {@code RecallComparison <corpus folder> <secretlint.jsonl>}.
 */
public final class RecallComparison {
    private RecallComparison() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        String text = Files.readString(folder.resolve("recall.txt"), StandardCharsets.UTF_8);
        List<String[]> planted = new ArrayList<>();
        for (String line : Files.readAllLines(folder.resolve("recall.tsv"), StandardCharsets.UTF_8)) {
            planted.add(line.split("\t"));
        }
        List<int[]> secretlint = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8)) {
            if (line.contains("\"file\":\"recall.txt\"")) {
                Matcher range = Pattern.compile("\\[\"[a-z0-9-]+\",(\\d+),(\\d+)]").matcher(line);
                while (range.find()) {
                    secretlint.add(new int[]{Integer.parseInt(range.group(1)), Integer.parseInt(range.group(2))});
                }
            }
        }
        List<int[]> ours = new ArrayList<>();
        for (Finding finding : SensitiveDataScanner.standard().scan(text)) {
            ours.add(new int[]{finding.start(), finding.end()});
        }

        Map<String, int[]> byKind = new LinkedHashMap<>();
        int[] sharedTotals = new int[3];
        int[] allTotals = new int[3];
        for (String[] value : planted) {
            int start = Integer.parseInt(value[1]);
            int end = Integer.parseInt(value[2]);
            boolean shared = Boolean.parseBoolean(value[3]);
            int[] counts = byKind.computeIfAbsent(value[0] + (shared ? "" : " (ours only)"), k -> new int[3]);
            int oursFound = overlaps(ours, start, end) ? 1 : 0;
            int theirsFound = overlaps(secretlint, start, end) ? 1 : 0;
            for (int[] totals : shared ? List.of(counts, sharedTotals, allTotals) : List.of(counts, allTotals)) {
                totals[0]++;
                totals[1] += oursFound;
                totals[2] += theirsFound;
            }
        }
        System.out.println("| Planted secret | Planted | Postdesk found | secretlint found |");
        System.out.println("|---|---:|---:|---:|");
        byKind.forEach((kind, c) -> System.out.printf("| %s | %d | %d | %d |%n", kind, c[0], c[1], c[2]));
        System.out.printf("| **Both meant to find** | %d | %d (%.0f %%) | %d (%.0f %%) |%n", sharedTotals[0],
                sharedTotals[1], 100.0 * sharedTotals[1] / sharedTotals[0], sharedTotals[2],
                100.0 * sharedTotals[2] / sharedTotals[0]);
        System.out.printf("| **All planted** | %d | %d (%.0f %%) | %d (%.0f %%) |%n", allTotals[0], allTotals[1],
                100.0 * allTotals[1] / allTotals[0], allTotals[2], 100.0 * allTotals[2] / allTotals[0]);
        System.out.printf("%nfalse positives outside planted values: postdesk %d, secretlint %d%n",
                outside(ours, planted), outside(secretlint, planted));
    }

    private static boolean overlaps(List<int[]> found, int start, int end) {
        return found.stream().anyMatch(f -> f[0] < end && start < f[1]);
    }

    private static long outside(List<int[]> found, List<String[]> planted) {
        return found.stream().filter(f -> planted.stream()
                .noneMatch(p -> f[0] < Integer.parseInt(p[2]) && Integer.parseInt(p[1]) < f[1])).count();
    }
}
