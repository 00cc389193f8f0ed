package eu.postdesk.detect;

import java.util.List;

/**
 * Swedish organisationsnummer, a company number: NNNNNN-NNNN whose "month" digits are 20 or more
 * (that is what tells it from a personnummer), with the Luhn check; ten bare digits after
 * "organisationsnummer"/"org.nr", or the VAT form {@code SE} + ten digits + {@code 01}. A sole
 * trader's organisationsnummer is his personnummer and is found as one. Kind {@code ORGANISATIONSNUMMER}.
 */
public final class OrganisationsnummerDetector implements NumberDetector {

    @Override
    public long groupSizes() {
        return NumberDetector.sizes(6, 10, 12);
    }

    @Override
    public int minDigits() {
        return 10;
    }

    @Override
    public void inspect(NumberToken token, List<Finding> into) {
        for (int from = 0; from < token.groups(); from++) {
            boolean dashed = from + 1 < token.groups() && token.size(from) == 6 && token.size(from + 1) == 4
                    && token.separator(from + 1) == '-';
            boolean vat = from == 0 && token.size(from) == 12 && CompanyNumbers.countryCodeStart(token, "SE") >= 0;
            boolean bare = token.size(from) == 10 && isValid(token.digits(from, from)) && Checksums.precededBy(token.text(), token.start(from),
                    CompanyNumbers.LABEL_WINDOW, "organisationsnummer", "organisationsnr", "org.nr", "orgnr", "org nr", "org. nr");
            if (!dashed && !vat && !bare) {
                continue;
            }
            int to = dashed ? from + 1 : from;
            int start = CompanyNumbers.spanStart(token, from, to, vat ? "SE" : null);
            int[] d = token.digits(from, to);
            if (start >= 0 && (!vat || (d[10] == 0 && d[11] == 1)) && isValid(d)) {
                into.add(new Finding("ORGANISATIONSNUMMER", start, token.end(to)));
            }
        }
    }

    /** The first ten digits: third digit 2 or more, and Luhn. */
    static boolean isValid(int[] d) {
        return d[2] >= 2 && Checksums.luhn(d, 0, 10);
    }
}
