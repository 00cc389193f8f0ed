package eu.postdesk.bench;

import eu.postdesk.detect.SensitiveDataScanner;
import eu.postdesk.detect.rules.RuleFile;
import eu.postdesk.detect.rules.SecretRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Scanners with other secret rule sets than the default, for the benchmarks: none at all, or
 * gitleaks' own rule file (system property {@code postdesk.gitleaks}, default
 * {@code ../shared/reference/gitleaks/gitleaks.toml}) on top of ours. Kept apart from the benchmark
 * classes so that those also run against a build of the scanner from before the rule files.
 */
final class RuleSets {
    private RuleSets() {
    }

    static SensitiveDataScanner withoutRules() {
        return SensitiveDataScanner.standard(SecretRules.none());
    }

    static SensitiveDataScanner withGitleaksRules() {
        return SensitiveDataScanner.standard(SecretRules.of(List.of(gitleaksFile())));
    }

    /** Only gitleaks' rules (none of ours), as a stand-in for gitleaks where its binary is not installed. */
    static RuleFile gitleaksFile() {
        Path file = Path.of(System.getProperty("postdesk.gitleaks", "../shared/reference/gitleaks/gitleaks.toml"));
        try {
            return RuleFile.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read gitleaks' rules at " + file + " (set -Dpostdesk.gitleaks=PATH)", e);
        }
    }
}
