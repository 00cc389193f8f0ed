package eu.postdesk.detect;

import eu.postdesk.detect.rules.RuleSecretDetector;
import eu.postdesk.detect.rules.SecretRules;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs a set of detectors over a text and returns their findings sorted by start, overlapping
 * findings merged into one covering both (the kind of the longest, or on a tie of the detector listed
 * first, which is the more specific). Number detectors share one pass that cuts the text into
 * numbers, and the detectors of keywords and prefixes one pass over word starts. Immutable and thread-safe when its detectors are (all in this package are).
 *
 * <pre>{@code
 * SensitiveDataScanner scanner = SensitiveDataScanner.standard();
 * for (Finding finding : scanner.scan(body)) { ... mask finding.start() .. finding.end() ... }
 * }</pre>
 */
public final class SensitiveDataScanner {
    private final List<Detector> others;
    private final List<NumberDetector> numbers;
    private final List<Detector> order;
    private final int[] numberRanks;
    private final List<WordStartDetector> wordStarts;
    private final int[] wordStartRanks;
    private final int[] wordStartPairs;
    private final int[] otherRanks;
    // The rule detector (an index into others, or -1) walking also for the marks of the others that
    // are MarkedDetectors (markOf[d]: the index of d's mark, or -1).
    private final int ruleIndex;
    private final RuleSecretDetector marking;
    private final int[] markOf;
    private final boolean companyNumbersMasked;

    public SensitiveDataScanner(List<Detector> detectors) {
        this(detectors, false);
    }

    private SensitiveDataScanner(List<Detector> detectors, boolean companyNumbersMasked) {
        this.companyNumbersMasked = companyNumbersMasked;
        this.order = List.copyOf(detectors);
        List<Detector> plain = new ArrayList<>();
        List<NumberDetector> numeric = new ArrayList<>();
        List<WordStartDetector> words = new ArrayList<>();
        for (Detector detector : order) {
            if (detector instanceof NumberDetector number) {
                numeric.add(number);
            } else if (detector instanceof WordStartDetector word) {
                words.add(word);
            } else {
                plain.add(detector);
            }
        }
        this.others = List.copyOf(plain);
        this.numbers = List.copyOf(numeric);
        this.numberRanks = numbers.stream().mapToInt(order::indexOf).toArray();
        this.wordStarts = List.copyOf(words);
        this.wordStartRanks = wordStarts.stream().mapToInt(order::indexOf).toArray();
        this.wordStartPairs = WordStarts.asciiPairs(wordStarts);
        this.otherRanks = others.stream().mapToInt(order::indexOf).toArray();
        // The rule detector's keyword walk reads every character: it finds the marks of the
        // detectors that start from a fixed string too, instead of a pass over the text for each.
        int rules = -1;
        for (int d = 0; d < others.size(); d++) {
            if (others.get(d) instanceof RuleSecretDetector && rules < 0) {
                rules = d;
            }
        }
        this.markOf = new int[others.size()];
        List<String> marks = new ArrayList<>();
        for (int d = 0; d < others.size(); d++) {
            markOf[d] = -1;
            if (rules >= 0 && others.get(d) instanceof MarkedDetector marked) {
                markOf[d] = marks.size();
                marks.add(marked.mark());
            }
        }
        this.ruleIndex = marks.isEmpty() ? -1 : rules;
        this.marking = marks.isEmpty() ? null : ((RuleSecretDetector) others.get(rules)).marking(marks);
    }

    /**
     * The same detectors, also reporting company numbers ({@link CompanyNumbers}): for teams that
     * serve sole traders, whose company number is personal. By default company numbers are found
     * (so that a look-alike rule cannot mask them) but not reported.
     */
    public SensitiveDataScanner maskingCompanyNumbers() {
        return new SensitiveDataScanner(order, true);
    }

    /** Every family with the default keyword list and the default secret rules. */
    public static SensitiveDataScanner standard() {
        return standard(SecretRules.defaults());
    }

    /** Every family with the default keyword list and these secret rules (gitleaks format). */
    public static SensitiveDataScanner standard(SecretRules secretRules) {
        return new SensitiveDataScanner(standardDetectors(Keywords.defaults(), secretRules));
    }

    /** Every family with the default keywords plus an operator's additions (same format). */
    public static SensitiveDataScanner standard(Path extraKeywordsFile) {
        return new SensitiveDataScanner(standardDetectors(Keywords.defaultsAnd(extraKeywordsFile)));
    }

    /** All detectors with the default secret rules. */
    public static List<Detector> standardDetectors(Keywords keywords) {
        return standardDetectors(keywords, SecretRules.defaults());
    }

    /**
     * All detectors, most specific first (that order breaks ties between equally long findings): the
     * hand-written provider detectors, whose checks are stricter, come before the rule files' detector.
     */
    public static List<Detector> standardDetectors(Keywords keywords, SecretRules secretRules) {
        return List.of(
                new PrivateKeyDetector(),
                new ProviderSecretDetector(),
                new UrlCredentialDetector(),
                new AuthorizationHeaderDetector(),
                new RuleSecretDetector(secretRules),
                new IbanDetector(),
                new CardNumberDetector(),
                // Company numbers before personal ones: a labelled company number that happens to
                // pass a personal rule too stays a company number.
                new NipDetector(),
                new RegonDetector(),
                new CvrDetector(),
                new OrganisationsnummerDetector(),
                new YTunnusDetector(),
                new OrganisasjonsnummerDetector(),
                new RegistracijasNumursDetector(),
                new PeselDetector(),
                new PolishIdCardDetector(),
                new CprDetector(),
                new PersonasKodsDetector(),
                new PersonnummerDetector(),
                new HenkilotunnusDetector(),
                new FodselsnummerDetector(),
                new SteuerIdDetector(),
                new SsnDetector(),
                new CredentialDetector(keywords),
                new HighEntropySecretDetector(keywords));
    }

    /**
     * The findings in {@code text}, sorted by start, never overlapping, never null. Characters that
     * take no room on screen (soft hyphens, zero-width spaces) do not hide a value: the scan reads
     * the {@link VisibleText} and a finding's span covers them.
     */
    public List<Finding> scan(CharSequence text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        // The word-start walk reads every character and tells whether one is invisible: most texts
        // hold none, and their scan is the only one. A text that holds one is scanned again as
        // VisibleText, which is what a search for them first would have led to.
        List<Finding> findings = wordStarts.isEmpty() ? null : scanVisible(text, true);
        if (findings == null) {
            VisibleText visible = VisibleText.of(text);
            findings = visible == null ? scanVisible(text, false) : visible.inOriginal(scanVisible(visible.text(), false));
        }
        return companyNumbersMasked ? findings : CompanyNumbers.without(findings);
    }

    /**
     * The findings of a text taken as visible; with {@code unlessInvisible}, null when the walk over
     * word starts met an invisible character (the text must then be scanned as {@link VisibleText}).
     */
    private List<Finding> scanVisible(CharSequence text, boolean unlessInvisible) {
        List<Finding> found = new ArrayList<>();
        List<Integer> rank = new ArrayList<>();
        // One copy of the characters for every pass (the rule prefilter's, numbers, word starts):
        // String.charAt on a text with characters beyond Latin-1 keeps its bounds check in their
        // loops, an array's is hoisted.
        String string = text.toString();
        char[] array = string.toCharArray();
        int[][] marks = null;
        if (marking != null) {
            int before = found.size();
            marks = marking.detectMarking(string, array, found);
            fill(rank, found.size() - before, otherRanks[ruleIndex]);
        }
        for (int d = 0; d < others.size(); d++) {
            if (d == ruleIndex) {
                continue;
            }
            int before = found.size();
            if (markOf[d] >= 0) {
                ((MarkedDetector) others.get(d)).detect(string, marks[markOf[d]], found);
            } else {
                others.get(d).detect(string, array, found);
            }
            fill(rank, found.size() - before, otherRanks[d]);
        }
        boolean invisible = false;
        if (!numbers.isEmpty() && !wordStarts.isEmpty()) {
            // One pass for both: the number tokens and the word starts.
            invisible = WordStarts.scan(string, array, wordStarts, found, wordStartRanks, rank, wordStartPairs,
                    new NumberTokens.Reader(string, array, numbers, found, numberRanks, rank, true));
        } else if (!numbers.isEmpty()) {
            NumberTokens.scan(string, array, numbers, found, numberRanks, rank, true);
        } else if (!wordStarts.isEmpty()) {
            invisible = WordStarts.scan(string, array, wordStarts, found, wordStartRanks, rank, wordStartPairs, null);
        }
        if (invisible && unlessInvisible) {
            return null;
        }
        return merge(found, rank);
    }

    private static void fill(List<Integer> rank, int count, int value) {
        for (int i = 0; i < count; i++) {
            rank.add(value);
        }
    }

    private static List<Finding> merge(List<Finding> found, List<Integer> rank) {
        if (found.isEmpty()) {
            return List.of();
        }
        Integer[] indexes = new Integer[found.size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = i;
        }
        java.util.Arrays.sort(indexes, Comparator.<Integer>comparingInt(i -> found.get(i).start())
                .thenComparingInt(i -> -found.get(i).end()));
        List<Finding> merged = new ArrayList<>();
        int best = indexes[0];
        int start = found.get(best).start();
        int end = found.get(best).end();
        for (int k = 1; k < indexes.length; k++) {
            Finding next = found.get(indexes[k]);
            if (next.start() < end) {
                if (better(next, rank.get(indexes[k]), found.get(best), rank.get(best))) {
                    best = indexes[k];
                }
                end = Math.max(end, next.end());
                continue;
            }
            merged.add(new Finding(found.get(best).kind(), start, end));
            best = indexes[k];
            start = next.start();
            end = next.end();
        }
        merged.add(new Finding(found.get(best).kind(), start, end));
        return List.copyOf(merged);
    }

    private static boolean better(Finding candidate, int candidateRank, Finding current, int currentRank) {
        if (candidate.length() != current.length()) {
            return candidate.length() > current.length();
        }
        return candidateRank < currentRank;
    }
}
