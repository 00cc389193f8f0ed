package eu.postdesk.detect;

import static org.assertj.core.api.Assertions.assertThat;

import eu.postdesk.detect.rules.SecretRules;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The index of the number pass ({@link NumberDetector#groupSizes()}, {@link NumberDetector#minDigits()})
 * only skips detectors that would find nothing: the indexed scan finds exactly what handing every
 * token to every detector finds, on generated numbers of every grouping, after every label.
 */
class NumberIndexPropertiesTest {
    private static final List<NumberDetector> NUMBER_DETECTORS = numberDetectors();

    private static List<NumberDetector> numberDetectors() {
        List<NumberDetector> numbers = new ArrayList<>();
        for (Detector detector : SensitiveDataScanner.standardDetectors(Keywords.defaults(), SecretRules.defaults())) {
            if (detector instanceof NumberDetector number) {
                numbers.add(number);
            }
        }
        return List.copyOf(numbers);
    }

    @Property(tries = 3000)
    void indexedScanFindsWhatTheUnindexedScanFinds(@ForAll("texts") String text) {
        assertThat(found(text, true)).isEqualTo(found(text, false));
    }

    @Property(tries = 300)
    void eachDetectorFindsOnlyInTokensItsIndexLetsThrough(@ForAll("texts") String text) {
        for (NumberDetector detector : NUMBER_DETECTORS) {
            List<Finding> indexed = new ArrayList<>();
            List<Finding> unindexed = new ArrayList<>();
            NumberTokens.scan(text, List.of(detector), indexed, new int[1], new ArrayList<>(), true);
            NumberTokens.scan(text, List.of(detector), unindexed, new int[1], new ArrayList<>(), false);
            assertThat(indexed).as(detector.getClass().getSimpleName()).isEqualTo(unindexed);
        }
    }

    @net.jqwik.api.Example
    void indexedScanFindsWhatTheUnindexedScanFindsInTheTestMail() throws Exception {
        java.nio.file.Path resources = java.nio.file.Path.of(NumberIndexPropertiesTest.class.getResource("/acceptance").toURI()).getParent();
        List<java.nio.file.Path> files;
        try (var walk = java.nio.file.Files.walk(resources)) {
            files = walk.filter(java.nio.file.Files::isRegularFile).filter(file -> !file.toString().endsWith(".class")).toList();
        }
        int findings = 0;
        for (java.nio.file.Path file : files) {
            String text = new String(java.nio.file.Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8);
            List<String> indexed = found(text, true);
            assertThat(indexed).as(file.toString()).isEqualTo(found(text, false));
            findings += indexed.size();
        }
        assertThat(findings).isGreaterThan(20);
    }

    @net.jqwik.api.Example
    void ibansAfterEveryKindOfCountryCodeStillReachTheIbanDetector() {
        // IbanDetector.countryCodeBelow: tokens without a country code before them skip it.
        for (String text : List.of("NO9386011117947", "NO 93 8601 1117 947", "NO\u00a093 8601 1117 947", "no9386011117947",
                "ÉNO 93 8601 1117 947", "(DE89370400440532013000)", "DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432",
                "konto: NO93 8601 1117 947.", "xNO9386011117947", "No9386011117947", "NO  9386011117947")) {
            List<String> indexed = found(text, true);
            assertThat(indexed).as(text).isEqualTo(found(text, false));
        }
        assertThat(found("NO 93 8601 1117 947", true)).singleElement().asString().startsWith("IBAN@0-");
        assertThat(found("ÉNO 93 8601 1117 947", true)).singleElement().asString().startsWith("IBAN@1-");
        assertThat(found("NO\u00a093 8601 1117 947", true)).singleElement().asString().startsWith("IBAN@0-");
        assertThat(found("GB82WEST12345698765432", true)).singleElement().asString().startsWith("IBAN@0-22");
    }

    private static List<String> found(String text, boolean indexed) {
        List<Finding> into = new ArrayList<>();
        List<Integer> ranks = new ArrayList<>();
        int[] detectorRanks = new int[NUMBER_DETECTORS.size()];
        for (int d = 0; d < detectorRanks.length; d++) {
            detectorRanks[d] = d;
        }
        NumberTokens.scan(text, NUMBER_DETECTORS, into, detectorRanks, ranks, indexed);
        List<String> found = new ArrayList<>();
        for (int k = 0; k < into.size(); k++) {
            Finding finding = into.get(k);
            found.add(finding.kind() + "@" + finding.start() + "-" + finding.end() + "#" + ranks.get(k));
        }
        return found;
    }

    private static final List<String> LABELS = List.of("", "", "", "PESEL ", "CVR ", "CVR-nr. ", "DK", "FI", "SE", "NO", "LV", "PL",
            "DK ", "NO ", "personnummer ", "personnr: ", "CPR ", "regon ", "NIP ", "nip: ", "organisasjonsnummer ", "org.nr ",
            "organisationsnummer ", "Reģ. nr. ", "pvn ", "personas kods ", "p.k. ", "SSN ", "social security ", "Steuer-ID ",
            "fødselsnummer ", "hetu ", "card ", "IBAN ", "ABC", "moms ", "se-nr ", "Order #", "v", "x", "tel. +");

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> group = Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(15);
        Arbitrary<String> separator = Arbitraries.of(" ", "-", "+", "A", "Y", "X", " ", "\u00a0", ".", "/", ":");
        Arbitrary<String> number = Combinators.combine(group.list().ofMinSize(1).ofMaxSize(6), separator.list().ofSize(6))
                .as((groups, separators) -> {
                    StringBuilder joined = new StringBuilder(groups.get(0));
                    for (int g = 1; g < groups.size(); g++) {
                        joined.append(separators.get(g)).append(groups.get(g));
                    }
                    return joined.toString();
                });
        Arbitrary<String> piece = Combinators.combine(Arbitraries.of(LABELS), number, Arbitraries.of("", " ", " MVA", ".", "x", "-12", "\n"))
                .as((label, digits, after) -> label + digits + after);
        return piece.list().ofMinSize(1).ofMaxSize(6).map(pieces -> String.join(" ", pieces));
    }
}
