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
 * Which planted secrets of {@code recall.txt} each tool finds: ours ({@link SensitiveDataScanner}),
 * secretlint (its ranges, from the JSON lines that {@code bench/secretlint/run.mjs} printed) and,
 * with a third argument, gitleaks' own rule file run through our loader (a stand-in where the
 * gitleaks binary cannot be installed). A planted value counts as found when a finding overlaps it.
 * Prints a Markdown table. Usage: {@code RecallComparison <corpus folder> <secretlint.jsonl> [gitleaks.toml]}.
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
        boolean withGitleaks = args.length > 2;
        List<int[]> gitleaks = new ArrayList<>();
        if (withGitleaks) {
            System.setProperty("postdesk.gitleaks", args[2]);
            List<Finding> found = new ArrayList<>();
            new eu.postdesk.detect.rules.RuleSecretDetector(eu.postdesk.detect.rules.SecretRules.of(List.of(RuleSets.gitleaksFile())))
                    .detect(text, found);
            found.forEach(finding -> gitleaks.add(new int[]{finding.start(), finding.end()}));
        }

        Map<String, int[]> byKind = new LinkedHashMap<>();
        int[] sharedTotals = new int[4];
        int[] allTotals = new int[4];
        for (String[] value : planted) {
            int start = Integer.parseInt(value[1]);
            int end = Integer.parseInt(value[2]);
            boolean shared = Boolean.parseBoolean(value[3]);
            int[] counts = byKind.computeIfAbsent(value[0] + (shared ? "" : " (ours only)"), k -> new int[4]);
            int oursFound = overlaps(ours, start, end) ? 1 : 0;
            int theirsFound = overlaps(secretlint, start, end) ? 1 : 0;
            int gitleaksFound = overlaps(gitleaks, start, end) ? 1 : 0;
            for (int[] totals : shared ? List.of(counts, sharedTotals, allTotals) : List.of(counts, allTotals)) {
                totals[0]++;
                totals[1] += oursFound;
                totals[2] += theirsFound;
                totals[3] += gitleaksFound;
            }
        }
        System.out.println("| Planted secret | Planted | Postdesk found | secretlint found |" + (withGitleaks ? " gitleaks' rules (our loader) |" : ""));
        System.out.println("|---|---:|---:|---:|" + (withGitleaks ? "---:|" : ""));
        byKind.forEach((kind, c) -> System.out.printf("| %s | %d | %d | %d |%s%n", kind, c[0], c[1], c[2],
                withGitleaks ? " " + c[3] + " |" : ""));
        for (Map.Entry<String, int[]> total : Map.of("**Both meant to find**", sharedTotals, "**All planted**", allTotals).entrySet()
                .stream().sorted(Map.Entry.comparingByKey()).toList()) {
            int[] t = total.getValue();
            System.out.printf("| %s | %d | %d (%.0f %%) | %d (%.0f %%) |%s%n", total.getKey(), t[0], t[1], 100.0 * t[1] / t[0],
                    t[2], 100.0 * t[2] / t[0], withGitleaks ? String.format(" %d (%.0f %%) |", t[3], 100.0 * t[3] / t[0]) : "");
        }
        System.out.printf("%nfalse positives outside planted values: postdesk %d, secretlint %d%s%n",
                outside(ours, planted), outside(secretlint, planted), withGitleaks ? ", gitleaks' rules " + outside(gitleaks, planted) : "");
    }

    private static boolean overlaps(List<int[]> found, int start, int end) {
        return found.stream().anyMatch(f -> f[0] < end && start < f[1]);
    }

    private static long outside(List<int[]> found, List<String[]> planted) {
        return found.stream().filter(f -> planted.stream()
                .noneMatch(p -> f[0] < Integer.parseInt(p[2]) && Integer.parseInt(p[1]) < f[1])).count();
    }
}
