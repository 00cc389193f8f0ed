package eu.postdesk.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Every generated valid identifier is found; the same digits with a wrong check never are. */
class IdentifierPropertiesTest {

    // ---- PESEL

    @Property
    void validPeselIsFound(@ForAll("peselBodies") String body) {
        assertThat(kinds(new PeselDetector(), "PESEL " + body + check(body, PESEL_CHECK))).containsExactly("PESEL");
    }

    @Property
    void peselWithWrongCheckDigitIsNot(@ForAll("peselBodies") String body, @ForAll @IntRange(min = 1, max = 9) int k) {
        assertThat(kinds(new PeselDetector(), "PESEL " + body + wrong(check(body, PESEL_CHECK), k))).isEmpty();
    }

    @Provide
    Arbitrary<String> peselBodies() {
        return Combinators.combine(dates(1800, 2299), serials(4)).as((date, serial) -> {
            int offset = switch (date.getYear() / 100) {
                case 18 -> 80;
                case 19 -> 0;
                case 20 -> 20;
                case 21 -> 40;
                default -> 60;
            };
            return String.format("%02d%02d%02d", date.getYear() % 100, date.getMonthValue() + offset,
                    date.getDayOfMonth()) + serial;
        });
    }

    private static final CheckDigit PESEL_CHECK = d -> (10 - Checksums.weightedSum(d, new int[]{1, 3, 7, 9, 1, 3, 7, 9, 1, 3}) % 10) % 10;

    // ---- cards

    @Property
    void validCardIsFound(@ForAll("cardBodies") String body) {
        String card = body + luhnDigit(body);
        assertThat(kinds(new CardNumberDetector(), "card " + grouped(card))).containsExactly("CARD");
        assertThat(kinds(new CardNumberDetector(), "card " + card)).containsExactly("CARD");
    }

    @Property
    void cardWithWrongLuhnDigitIsNot(@ForAll("cardBodies") String body, @ForAll @IntRange(min = 1, max = 9) int k) {
        String card = body + wrong(luhnDigit(body), k);
        assertThat(kinds(new CardNumberDetector(), "card " + grouped(card))).isEmpty();
    }

    @Provide
    Arbitrary<String> cardBodies() {
        return Arbitraries.of("4", "51", "52", "53", "54", "55", "2221", "2720", "6011", "65", "3528")
                .flatMap(prefix -> serials(15 - prefix.length()).map(rest -> prefix + rest));
    }

    private static String grouped(String card) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < card.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                out.append(' ');
            }
            out.append(card.charAt(i));
        }
        return out.toString();
    }

    // ---- IBAN and NRB

    @Property
    void validIbanIsFound(@ForAll("ibanParts") String[] parts) {
        String iban = parts[0] + ibanCheck(parts[0], parts[1]) + parts[1];
        assertThat(kinds(new IbanDetector(), "IBAN: " + iban)).containsExactly("IBAN");
        if (parts[0].equals("PL")) {
            assertThat(kinds(new IbanDetector(), "konto " + iban.substring(2))).containsExactly("NRB");
        }
    }

    @Property
    void ibanWithWrongCheckDigitsIsNot(@ForAll("ibanParts") String[] parts, @ForAll @IntRange(min = 1, max = 96) int k) {
        int check = Integer.parseInt(ibanCheck(parts[0], parts[1]));
        String wrongCheck = String.format("%02d", (check - 2 + k) % 97 + 2);
        Assume.that(!wrongCheck.equals(String.format("%02d", check)) && Integer.parseInt(wrongCheck) <= 98);
        assertThat(kinds(new IbanDetector(), "IBAN: " + parts[0] + wrongCheck + parts[1])).isEmpty();
    }

    @Provide
    Arbitrary<String[]> ibanParts() {
        return Arbitraries.of("PL", "DE", "DK", "FI", "SE", "NO", "LV").flatMap(country -> switch (country) {
            case "PL" -> serials(24).map(b -> new String[]{country, b});
            case "DE" -> serials(18).map(b -> new String[]{country, b});
            case "DK", "FI" -> serials(14).map(b -> new String[]{country, b});
            case "SE" -> serials(20).map(b -> new String[]{country, b});
            case "NO" -> serials(11).map(b -> new String[]{country, b});
            default -> Arbitraries.strings().withCharRange('A', 'Z').ofLength(4)
                    .flatMap(bank -> serials(13).map(b -> new String[]{country, bank + b}));
        });
    }

    private static String ibanCheck(String country, String bban) {
        int remainder = Checksums.mod97(bban + country + "00");
        return String.format("%02d", 98 - remainder);
    }

    // ---- CPR

    @Property
    void validCprIsFound(@ForAll("cprBodies") String body) {
        int check = cprCheck(body);
        Assume.that(check < 10);
        String cpr = body.substring(0, 6) + "-" + body.substring(6) + check;
        assertThat(kinds(new CprDetector(), "nr. " + cpr)).containsExactly("CPR");
    }

    @Property
    void cprFailingModulus11WithoutKeywordIsNot(@ForAll("cprBodies") String body,
                                               @ForAll @IntRange(min = 1, max = 9) int k) {
        int check = cprCheck(body);
        Assume.that(check < 10);
        String cpr = body.substring(0, 6) + "-" + body.substring(6) + wrong(check, k);
        assertThat(kinds(new CprDetector(), "nr. " + cpr)).isEmpty();
        assertThat(kinds(new CprDetector(), "CPR " + cpr)).containsExactly("CPR");
    }

    @Provide
    Arbitrary<String> cprBodies() {
        return Combinators.combine(dates(1937, 2036), serials(2)).as((date, serial) -> {
            int year = date.getYear();
            // A seventh digit that gives this century: 0-3 for the 1900s, 4 for 2000-2036.
            String seventh = year < 2000 ? "2" : "4";
            return String.format("%02d%02d%02d", date.getDayOfMonth(), date.getMonthValue(), year % 100) + seventh
                    + serial;
        });
    }

    private static int cprCheck(String nineDigits) {
        int[] d = digits(nineDigits + "0");
        int sum = Checksums.weightedSum(d, new int[]{4, 3, 2, 7, 6, 5, 4, 3, 2});
        return (11 - sum % 11) % 11;
    }

    // ---- Swedish personnummer

    @Property
    void validPersonnummerIsFound(@ForAll("swedishBodies") String body) {
        String number = body.substring(0, 6) + "-" + body.substring(6) + luhnDigit(body);
        assertThat(kinds(new PersonnummerDetector(), "pnr " + number)).containsExactly("PERSONNUMMER");
    }

    @Property
    void personnummerWithWrongLuhnDigitIsNot(@ForAll("swedishBodies") String body,
                                            @ForAll @IntRange(min = 1, max = 9) int k) {
        String number = body.substring(0, 6) + "-" + body.substring(6) + wrong(luhnDigit(body), k);
        assertThat(kinds(new PersonnummerDetector(), "pnr " + number)).isEmpty();
    }

    @Provide
    Arbitrary<String> swedishBodies() {
        return Combinators.combine(dates(1900, 2025), serials(3), Arbitraries.of(0, 60)).as((date, serial, shift) ->
                String.format("%02d%02d%02d", date.getYear() % 100, date.getMonthValue(), date.getDayOfMonth() + shift)
                        + serial);
    }

    // ---- Finnish henkilötunnus

    @Property
    void validHenkilotunnusIsFound(@ForAll("finnishParts") String[] parts) {
        String hetu = parts[0] + parts[1] + parts[2] + finnishCheck(parts[0] + parts[2]);
        assertThat(kinds(new HenkilotunnusDetector(), "hetu " + hetu + ".")).containsExactly("HENKILOTUNNUS");
    }

    @Property
    void henkilotunnusWithWrongCheckCharacterIsNot(@ForAll("finnishParts") String[] parts,
                                                  @ForAll @IntRange(min = 1, max = 30) int k) {
        String alphabet = HenkilotunnusDetector.CHECK_CHARACTERS;
        char right = finnishCheck(parts[0] + parts[2]);
        char wrong = alphabet.charAt((alphabet.indexOf(right) + k) % 31);
        assertThat(kinds(new HenkilotunnusDetector(), "hetu " + parts[0] + parts[1] + parts[2] + wrong + "."))
                .isEmpty();
    }

    @Provide
    Arbitrary<String[]> finnishParts() {
        return Combinators.combine(dates(1800, 2059), Arbitraries.integers().between(2, 899), Arbitraries.integers())
                .as((date, individual, pick) -> {
                    String signs = switch (date.getYear() / 100) {
                        case 18 -> "+";
                        case 19 -> "-YXWVU";
                        default -> "ABCDEF";
                    };
                    String sign = String.valueOf(signs.charAt(Math.floorMod(pick, signs.length())));
                    String ddmmyy = String.format("%02d%02d%02d", date.getDayOfMonth(), date.getMonthValue(),
                            date.getYear() % 100);
                    return new String[]{ddmmyy, sign, String.format("%03d", individual)};
                });
    }

    private static char finnishCheck(String nineDigits) {
        return HenkilotunnusDetector.CHECK_CHARACTERS.charAt(Integer.parseInt(nineDigits) % 31);
    }

    // ---- Norwegian fødselsnummer

    @Property
    void validFodselsnummerIsFound(@ForAll("norwegianBodies") String body) {
        int[] d = digits(body + "00");
        int k1 = mod11(d, new int[]{3, 7, 6, 1, 8, 9, 4, 5, 2});
        Assume.that(k1 < 10);
        d[9] = k1;
        int k2 = mod11(d, new int[]{5, 4, 3, 2, 7, 6, 5, 4, 3, 2});
        Assume.that(k2 < 10);
        assertThat(kinds(new FodselsnummerDetector(), "fnr " + body + k1 + k2)).containsExactly("FODSELSNUMMER");
        assertThat(kinds(new FodselsnummerDetector(), "fnr " + body + k1 + wrong(k2, 1))).isEmpty();
    }

    @Provide
    Arbitrary<String> norwegianBodies() {
        return Combinators.combine(dates(1900, 2039), serials(3)).as((date, serial) ->
                String.format("%02d%02d%02d", date.getDayOfMonth(), date.getMonthValue(), date.getYear() % 100) + serial);
    }

    private static int mod11(int[] d, int[] weights) {
        int k = 11 - Checksums.weightedSum(d, weights) % 11;
        return k == 11 ? 0 : k;
    }

    // ---- German Steuer-ID

    @Property
    void validSteuerIdIsFound(@ForAll("steuerBodies") String body, @ForAll @IntRange(min = 1, max = 9) int k) {
        int check = SteuerIdDetector.checkDigit(digits(body + "0"));
        assertThat(kinds(new SteuerIdDetector(), "IdNr " + body + check)).containsExactly("STEUER_ID");
        assertThat(kinds(new SteuerIdDetector(), "IdNr " + body + wrong(check, k))).isEmpty();
    }

    @Provide
    Arbitrary<String> steuerBodies() {
        return Arbitraries.shuffle(0, 1, 2, 3, 4, 5, 6, 7, 8, 9).flatMap(order -> Arbitraries.integers().between(1, 9)
                .map(replaced -> {
                    List<Integer> digits = new ArrayList<>(order);
                    // One digit appears twice: overwrite the digit at position `replaced` with its neighbour's.
                    digits.set(replaced, digits.get(replaced - 1));
                    StringBuilder out = new StringBuilder();
                    digits.forEach(out::append);
                    return out.toString();
                })).filter(body -> body.charAt(0) != '0');
    }

    // ---- helpers

    private interface CheckDigit {
        int of(int[] digits);
    }

    private static int check(String body, CheckDigit rule) {
        return rule.of(digits(body + "0"));
    }

    private static int wrong(int digit, int k) {
        return (digit + k) % 10;
    }

    private static int luhnDigit(String body) {
        for (int c = 0; c < 10; c++) {
            if (Checksums.luhn(digits(body + c))) {
                return c;
            }
        }
        throw new IllegalStateException("no Luhn digit");
    }

    private static int[] digits(String s) {
        int[] d = new int[s.length()];
        for (int i = 0; i < d.length; i++) {
            d[i] = s.charAt(i) - '0';
        }
        return d;
    }

    private static Arbitrary<String> serials(int length) {
        return Arbitraries.strings().numeric().ofLength(length);
    }

    private static Arbitrary<LocalDate> dates(int fromYear, int toYear) {
        long from = LocalDate.of(fromYear, 1, 1).toEpochDay();
        long to = LocalDate.of(toYear, 12, 31).toEpochDay();
        return Arbitraries.longs().between(from, to).map(LocalDate::ofEpochDay);
    }

    private static List<String> kinds(Detector detector, String text) {
        List<Finding> findings = new ArrayList<>();
        detector.detect(text, findings);
        return findings.stream().map(Finding::kind).toList();
    }
}
