package eu.postdesk.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Generated company numbers with their label: valid ones found only when company numbers are masked,
 * never by default, a wrong check digit never; and an invisible character anywhere inside a value
 * never hides it.
 */
class CompanyAndVisibleTextPropertiesTest {
    private static final SensitiveDataScanner KEEPING = SensitiveDataScanner.standard();
    private static final SensitiveDataScanner MASKING = SensitiveDataScanner.standard().maskingCompanyNumbers();

    /** A company number family: its label, how many digits its body has, its check digit rule. */
    record Family(String kind, String label, int bodyDigits, java.util.function.Function<int[], Integer> check) {
    }

    private static final List<Family> FAMILIES = List.of(
            new Family("NIP", "NIP ", 9, d -> Checksums.weightedSum(d, new int[]{6, 5, 7, 2, 3, 4, 5, 6, 7}) % 11),
            new Family("REGON", "REGON ", 8, d -> Checksums.weightedSum(d, new int[]{8, 9, 2, 3, 4, 5, 6, 7}) % 11 % 10),
            new Family("CVR", "CVR-nr. ", 7, d -> {
                int rest = Checksums.weightedSum(d, new int[]{2, 7, 6, 5, 4, 3, 2}) % 11;
                return rest == 0 ? 0 : 11 - rest;
            }),
            new Family("ORGANISASJONSNUMMER", "Org.nr. ", 8, d -> {
                int rest = Checksums.weightedSum(d, new int[]{3, 2, 7, 6, 5, 4, 3, 2}) % 11;
                return rest == 0 ? 0 : 11 - rest;
            }));

    @Property
    void validCompanyNumberIsFoundOnlyWhenMasked(@ForAll("families") Family family, @ForAll("digits") String digits) {
        int[] body = body(family, digits);
        int check = family.check().apply(body);
        if (check > 9) {
            return; // no valid number with this body
        }
        String text = "Firma: " + family.label() + asText(body) + check + ".";

        assertThat(kinds(MASKING, text)).containsExactly(family.kind());
        assertThat(kinds(KEEPING, text)).isEmpty();
    }

    @Property
    void companyNumberWithWrongCheckIsNeverFound(@ForAll("families") Family family, @ForAll("digits") String digits,
                                                 @ForAll @IntRange(min = 1, max = 9) int k) {
        int[] body = body(family, digits);
        int wrong = (family.check().apply(body) + k) % 10;

        assertThat(kinds(MASKING, "Firma: " + family.label() + asText(body) + wrong + "."))
                .doesNotContain(family.kind());
    }

    @Property
    void invisibleCharacterInsideAValueDoesNotHideIt(@ForAll @IntRange(min = 1, max = 10) int at,
                                                     @ForAll("invisible") char invisible) {
        String pesel = "44051401359";
        String text = "PESEL " + pesel.substring(0, at) + invisible + pesel.substring(at) + " ok";

        List<Finding> found = KEEPING.scan(text);

        assertThat(found).hasSize(1);
        assertThat(text.substring(found.get(0).start(), found.get(0).end())).isEqualTo(text.substring(6, 6 + 12));
    }

    @Property(tries = 200)
    void invisibleCharacterFarIntoALongTextDoesNotHideIt(@ForAll @IntRange(min = 16_360, max = 32_800) int padding,
                                                         @ForAll @IntRange(min = 1, max = 10) int at,
                                                         @ForAll("invisible") char invisible) {
        // Long enough for the check for invisible characters to find this one in a later chunk, or across a chunk's edge.
        String pesel = "44051401359";
        String before = "x".repeat(padding) + " PESEL ";
        String text = before + pesel.substring(0, at) + invisible + pesel.substring(at) + " ok";

        List<Finding> found = KEEPING.scan(text);

        assertThat(found).hasSize(1);
        assertThat(text.substring(found.get(0).start(), found.get(0).end()))
                .isEqualTo(text.substring(before.length(), before.length() + 12));
    }

    @Provide
    Arbitrary<Family> families() {
        return Arbitraries.of(FAMILIES);
    }

    @Provide
    Arbitrary<String> digits() {
        return Arbitraries.strings().numeric().ofLength(9);
    }

    @Provide
    Arbitrary<Character> invisible() {
        return Arbitraries.of('\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff');
    }

    /** The body's digits; company numbers do not start with 0 (CVR forbids it, the others rarely do). */
    private static int[] body(Family family, String digits) {
        int[] body = new int[family.bodyDigits()];
        for (int i = 0; i < body.length; i++) {
            body[i] = digits.charAt(i) - '0';
        }
        if (body[0] == 0) {
            body[0] = 1;
        }
        return body;
    }

    private static String asText(int[] digits) {
        StringBuilder text = new StringBuilder();
        for (int d : digits) {
            text.append(d);
        }
        return text.toString();
    }

    private static List<String> kinds(SensitiveDataScanner scanner, String text) {
        return scanner.scan(text).stream().map(Finding::kind).toList();
    }
}
