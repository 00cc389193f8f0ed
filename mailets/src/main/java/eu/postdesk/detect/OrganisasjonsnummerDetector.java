package eu.postdesk.detect;

import java.util.List;

/**
 * Norwegian organisasjonsnummer, a company number: 9 digits, solid or {@code 988 077 917}, weights
 * 3,2,7,6,5,4,3,2,1 summing to a multiple of 11; after "org.nr"/"organisasjonsnummer"/"foretaksregisteret",
 * or as the VAT number {@code NO 988 077 917 MVA}. Kind {@code ORGANISASJONSNUMMER}.
 */
public final class OrganisasjonsnummerDetector implements NumberDetector {
    private static final int[] WEIGHTS = {3, 2, 7, 6, 5, 4, 3, 2, 1};

    @Override
    public long groupSizes() {
        return NumberDetector.sizes(3, 9);
    }

    @Override
    public int minDigits() {
        return 9;
    }

    @Override
    public void inspect(NumberToken token, List<Finding> into) {
        // Nine digits solid, or three groups of three.
        if ((token.sizeMask() & 1L << 9) == 0 && token.groups() < 3 || !CompanyNumbers.mayStandApart(token, "NO")) {
            return;
        }
        for (int from = 0; from < token.groups(); from++) {
            int to = end(token, from);
            if (to < 0 || token.weightedSum(from, to, WEIGHTS) % 11 != 0) {
                continue;
            }
            boolean labelled = CompanyNumbers.introduced(token, from, "NO", "organisasjonsnummer", "organisasjonsnr",
                    "org.nr", "orgnr", "org nr", "org. nr", "foretaksregisteret", "foretaksnummer")
                    || followedByMva(token, to);
            int start = CompanyNumbers.spanStart(token, from, to, "NO");
            if (labelled && start >= 0) {
                into.add(new Finding("ORGANISASJONSNUMMER", start, token.end(to)));
            }
        }
    }

    private static int end(NumberToken token, int from) {
        if (token.size(from) == 9) {
            return from;
        }
        if (from + 2 < token.groups() && token.joinedBy(from, from + 2, ' ')
                && token.size(from) == 3 && token.size(from + 1) == 3 && token.size(from + 2) == 3) {
            return from + 2;
        }
        return -1;
    }

    private static boolean followedByMva(NumberToken token, int to) {
        String text = token.text();
        int after = token.end(to);
        if (after < text.length() && NumberToken.isSpace(text.charAt(after))) {
            after++;
        }
        return text.regionMatches(true, after, "MVA", 0, 3);
    }
}
