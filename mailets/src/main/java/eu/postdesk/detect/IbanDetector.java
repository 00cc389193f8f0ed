package eu.postdesk.detect;

import java.util.List;

/**
 * IBANs of every country in SWIFT's IBAN registry (release 101), solid or in groups separated by
 * single spaces, in upper or lower case, with the length registered for their country and the
 * ISO 7064 mod-97 check ({@code IBAN}); and the Polish NRB, the same 26 digits without the
 * {@code PL} prefix, checked as {@code PL} + digits ({@code NRB}).
 */
public final class IbanDetector implements NumberDetector {
    /** IBAN length by country code, indexed (first letter - 'A') * 26 + (second - 'A'); 0 for no IBAN country. */
    private static final int[] LENGTHS = lengths();

    /** Country code and IBAN length of each of the 89 countries in SWIFT's IBAN registry, release 101. */
    private static int[] lengths() {
        String table = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 "
                + "DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 IE22 "
                + "IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 "
                + "MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 "
                + "SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30";
        int[] lengths = new int[26 * 26];
        for (String entry : table.split(" ")) {
            lengths[index(entry.charAt(0), entry.charAt(1))] = Integer.parseInt(entry.substring(2));
        }
        return lengths;
    }

    /** The table index of a country code in capitals or small letters. */
    private static int index(char first, char second) {
        return (Character.toUpperCase(first) - 'A') * 26 + (Character.toUpperCase(second) - 'A');
    }

    /** Short runs after letters: the country code and check digits start every IBAN, whatever follows. */
    @Override
    public boolean readsShortRuns() {
        return true;
    }

    /** An IBAN starts with its country code and two check digits; an NRB (without it) has 26 digits. */
    @Override
    public int countryCodeBelow() {
        return 26;
    }

    @Override
    public void inspect(NumberToken token, List<Finding> into) {
        // An NRB has 26 digits: most tokens (all the short runs after letters) have fewer.
        if (!inspectIban(token, into) && token.digits() >= 26) {
            inspectNrb(token, into);
        }
    }

    private static boolean inspectIban(NumberToken token, List<Finding> into) {
        String text = token.text();
        int digitsAt = token.start();
        // "NO 02 1503 7577 003": a space between the country code and the check digits, in capitals
        // only (in small letters "no 12..." is more often a word and a number).
        boolean spaced = digitsAt >= 3 && NumberToken.isSpace(text.charAt(digitsAt - 1))
                && isUpper(text.charAt(digitsAt - 2)) && isUpper(text.charAt(digitsAt - 3));
        int start = digitsAt - (spaced ? 3 : 2);
        if (start < 0 || token.size(0) < 2 || !sameCaseLetters(text.charAt(start), text.charAt(start + 1))
                || (start > 0 && ProviderSecretDetector.isAlnum(text.charAt(start - 1)))) {
            return false;
        }
        int length = LENGTHS[index(text.charAt(start), text.charAt(start + 1))];
        if (length == 0) {
            return false;
        }
        StringBuilder iban = new StringBuilder(length)
                .append(Character.toUpperCase(text.charAt(start))).append(Character.toUpperCase(text.charAt(start + 1)));
        int i = digitsAt;
        int n = text.length();
        while (i < n && iban.length() < length) {
            char c = text.charAt(i);
            if (ProviderSecretDetector.isAlnum(c)) {
                iban.append(Character.toUpperCase(c));
                i++;
            } else if (isGroupSeparator(c) && iban.length() >= 4 && i + 1 < n
                    && ProviderSecretDetector.isAlnum(text.charAt(i + 1))) {
                i++;
            } else {
                break;
            }
        }
        if (iban.length() != length || (i < n && ProviderSecretDetector.isAlnum(text.charAt(i)))
                || !isDigits(iban, 2, 4)) {
            return false;
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        if (Checksums.mod97(rearranged) != 1) {
            return false;
        }
        into.add(new Finding("IBAN", start, i));
        return true;
    }

    /** Spaces as printed on statements, dashes and dots as some banks and people write them ({@code NO07.8380.08.06006}). */
    private static boolean isGroupSeparator(char c) {
        return NumberToken.isSpace(c) || c == '-' || c == '.';
    }

    private static void inspectNrb(NumberToken token, List<Finding> into) {
        for (int from = 0; from < token.groups(); from++) {
            int to = nrbEnd(token, from);
            if (to < 0 || !token.standalone(from, to)) {
                continue;
            }
            int[] digits = token.digits(from, to);
            StringBuilder rearranged = new StringBuilder(30);
            for (int i = 2; i < 26; i++) {
                rearranged.append((char) ('0' + digits[i]));
            }
            rearranged.append("PL").append((char) ('0' + digits[0])).append((char) ('0' + digits[1]));
            if (Checksums.mod97(rearranged) == 1) {
                into.add(new Finding("NRB", token.start(from), token.end(to)));
                return;
            }
        }
    }

    /** The last group of an NRB starting at {@code from}: 26 digits solid or as 2 + 6 groups of 4. */
    private static int nrbEnd(NumberToken token, int from) {
        if (token.size(from) == 26) {
            return from;
        }
        if (token.size(from) != 2 || from + 6 >= token.groups() || !token.joinedBy(from, from + 6, ' ')) {
            return -1;
        }
        for (int g = from + 1; g <= from + 6; g++) {
            if (token.size(g) != 4) {
                return -1;
            }
        }
        return from + 6;
    }

    private static boolean isDigits(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** A country code in capitals or, as some type it, in small letters; not mixed ("Pl" starts a word). */
    private static boolean sameCaseLetters(char a, char b) {
        return (isUpper(a) && isUpper(b)) || (isLower(a) && isLower(b));
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }
}
