package eu.postdesk.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** IBANs of every country in SWIFT's registry, as people write them: grouped or solid, upper or lower case. */
class IbanRegistryTest {
    private static final SensitiveDataScanner SCANNER = SensitiveDataScanner.standard();

    static List<String> registryExamples() throws IOException {
        return lines("/identifiers/iban-registry-examples.txt");
    }

    /** In small letters a country code must be glued to its digits: "no 12 3456..." is more often a word and a number. */
    static List<String> registryExamplesGlued() throws IOException {
        return registryExamples().stream().filter(iban -> iban.charAt(2) != ' ').toList();
    }

    static List<String> registryLengths() throws IOException {
        return lines("/identifiers/iban-registry-lengths.txt");
    }

    @ParameterizedTest
    @MethodSource("registryExamples")
    void scannerShouldFindEveryRegistryExample(String iban) {
        assertThat(Found.by(SCANNER, "Bitte auf " + iban + " überweisen.")).containsExactly("IBAN " + iban);
    }

    @ParameterizedTest
    @MethodSource("registryExamplesGlued")
    void scannerShouldFindEveryRegistryExampleInLowerCase(String iban) {
        String lower = iban.toLowerCase(Locale.ROOT);
        assertThat(Found.by(SCANNER, "my iban is " + lower + ", thanks")).containsExactly("IBAN " + lower);
    }

    /** Every country of the registry, with a made-up account of the registered length and computed check digits. */
    @ParameterizedTest
    @MethodSource("registryLengths")
    void scannerShouldKnowEveryRegistryCountry(String line) {
        String country = line.substring(0, 2);
        int length = Integer.parseInt(line.substring(3));
        String bban = "1234567890".repeat(4).substring(0, length - 4);
        String iban = withCheckDigits(country, bban);
        String grouped = iban.replaceAll("(.{4})(?!$)", "$1 ");

        assertThat(Found.by(SCANNER, "IBAN " + iban)).containsExactly("IBAN " + iban);
        assertThat(Found.by(SCANNER, "IBAN " + grouped + ".")).containsExactly("IBAN " + grouped);
        assertThat(Found.by(SCANNER, "IBAN " + iban + "9")).as("one digit too many").isEmpty();
    }

    @Test
    void registryShouldHaveEightyNineCountries() throws IOException {
        assertThat(registryLengths()).hasSize(89);
    }

    /** python-stdnum's broken checksums and wrong lengths. */
    @ParameterizedTest
    @ValueSource(strings = {"AL48212110090000000235698741", "AD1210012030200359100100", "AT611804300234573201",
            "BE68530907547034", "BA391290709401028494", "BG80BNBG99611020345678", "HR1210010052863000160",
            "CY17002001281000001200527600", "CZ6508000000129000145399", "CZ9455000000000101038930",
            "DK5000400440116342", "AD48 0001 2030 2003 5910 01", "AT93 1904 3002 3457 3201 99",
            "BE36 5390 0754 7034 1234", "BA30 1290 0794 0102 84", "QQ93 1234 5678"})
    void scannerShouldLeaveBrokenIban(String text) {
        assertThat(Found.by(SCANNER, "Konto " + text)).noneMatch(found -> found.startsWith("IBAN "));
    }

    @Test
    void mixedCaseOrSpacedSmallCountryCodeIsAWordNotAnIban() {
        assertThat(Found.by(SCANNER, "De89370400440532013000")).noneMatch(found -> found.startsWith("IBAN "));
        assertThat(Found.by(SCANNER, "no 0560110516994")).noneMatch(found -> found.startsWith("IBAN "));
    }

    private static String withCheckDigits(String country, String bban) {
        StringBuilder digits = new StringBuilder();
        for (char c : (bban + country + "00").toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        int check = 98 - new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue();
        return country + String.format("%02d", check) + bban;
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = IbanRegistryTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        }
    }
}
