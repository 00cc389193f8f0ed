package eu.postdesk.bench;

import eu.postdesk.detect.Finding;
import eu.postdesk.detect.SensitiveDataScanner;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Detection throughput of {@link SensitiveDataScanner#standard()} on one thread: time per scan of
 * about 2 MB of mixed support mail with few findings and of about 1 MB dense with findings. MB/s per
 * core = text size / time per operation (the sizes are printed at setup). {@code rules}: {@code default}
 * is {@code standard()} as built (with the secret rule files where the build has them), {@code none}
 * without any rule file, {@code gitleaks} with gitleaks' own rules added (see {@link RuleSets}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DetectorBenchmark {
    @Param({"default"})
    public String rules;

    private SensitiveDataScanner scanner;
    private String mixed;
    private String dense;

    @Setup
    public void setUp() {
        scanner = switch (rules) {
            case "none" -> RuleSets.withoutRules();
            case "gitleaks" -> RuleSets.withGitleaksRules();
            default -> SensitiveDataScanner.standard();
        };
        mixed = SupportMailCorpus.mixed();
        dense = SupportMailCorpus.dense();
        System.out.printf("%nmixed: %d chars, %d findings; dense: %d chars, %d findings%n", mixed.length(),
                scanner.scan(mixed).size(), dense.length(), scanner.scan(dense).size());
    }

    @Benchmark
    public List<Finding> mixedSupportMail() {
        return scanner.scan(mixed);
    }

    @Benchmark
    public List<Finding> denseWithFindings() {
        return scanner.scan(dense);
    }

    /** The floor: one bare pass counting digits over the mixed text, to read the others against the machine's load. */
    @Benchmark
    public int bareLoopOverMixed() {
        int digits = 0;
        for (int i = 0; i < mixed.length(); i++) {
            char c = mixed.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            }
        }
        return digits;
    }
}
