package eu.postdesk.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Company numbers name a business, not a person, and agents need them (which customer, which
 * invoice), so by default they stay visible: {@link SensitiveDataScanner#scan} finds them, so that
 * no personal-number rule masks a company number by chance, and then drops them. A team that serves
 * sole traders, whose company number is their own, masks them too
 * ({@link SensitiveDataScanner#maskingCompanyNumbers()}). Also the shape rules the company number
 * detectors share: a label before the number, or the country code of a VAT number glued to it.
 */
public final class CompanyNumbers {
    /** The kinds of the company number detectors. */
    public static final Set<String> KINDS = Set.of(
            "NIP", "REGON", "CVR", "ORGANISATIONSNUMMER", "Y_TUNNUS", "ORGANISASJONSNUMMER", "REGISTRACIJAS_NUMURS");

    static final int LABEL_WINDOW = 32;

    private CompanyNumbers() {
    }

    public static boolean isCompanyNumber(String kind) {
        return KINDS.contains(kind);
    }

    static List<Finding> without(List<Finding> findings) {
        List<Finding> personal = null;
        for (int i = 0; i < findings.size(); i++) {
            Finding finding = findings.get(i);
            if (isCompanyNumber(finding.kind())) {
                if (personal == null) {
                    personal = new ArrayList<>(findings.subList(0, i));
                }
            } else if (personal != null) {
                personal.add(finding);
            }
        }
        return personal == null ? findings : List.copyOf(personal);
    }

    /**
     * Where the country code of a VAT number starts ({@code PL5260250274}, {@code DK 13585628},
     * {@code dk-13585628}), when it stands just before the first group; -1 otherwise.
     */
    static int countryCodeStart(NumberToken token, String code) {
        String text = token.text();
        int i = token.start();
        if (i > 0 && (NumberToken.isSpace(text.charAt(i - 1)) || text.charAt(i - 1) == '-')) {
            i--;
        }
        int start = i - code.length();
        if (start < 0 || !text.regionMatches(true, start, code, 0, code.length())) {
            return -1;
        }
        if (start > 0 && Character.isLetterOrDigit(text.charAt(start - 1))) {
            return -1;
        }
        return start;
    }

    /**
     * Where the finding of groups {@code from..to} starts: at a country code glued to it, or at its
     * first digit when the groups stand apart; -1 when they do neither.
     */
    static int spanStart(NumberToken token, int from, int to, String code) {
        if (from == 0 && code != null && token.start() >= code.length()
                && Character.isLetter(token.text().charAt(token.start() - 1))) {
            int start = countryCodeStart(token, code);
            boolean rightApart = token.openRight() && (to == token.groups() - 1 || NumberToken.isSpace(token.separator(to + 1)));
            return start >= 0 && rightApart ? start : -1;
        }
        return token.standalone(from, to) ? token.start(from) : -1;
    }

    /**
     * What {@link #spanStart} needs of any groups of the token: open on the right, and open on the
     * left or a letter glued before the first group (a country code). False: no groups of this
     * token can be a finding, so the detector need not compute checksums or look for labels.
     */
    static boolean mayStandApart(NumberToken token, String code) {
        if (!token.openRight()) {
            return false;
        }
        int start = token.start();
        return (code != null && start >= code.length() && Character.isLetter(token.text().charAt(start - 1)))
                || token.openLeft();
    }

    /** Whether one of {@code labels} comes shortly before the groups, or the country code stands just before them. */
    static boolean introduced(NumberToken token, int from, String code, String... labels) {
        return (from == 0 && code != null && countryCodeStart(token, code) >= 0)
                || Checksums.precededBy(token.text(), token.start(from), LABEL_WINDOW, labels);
    }
}
