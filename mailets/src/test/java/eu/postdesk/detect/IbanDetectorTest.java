package eu.postdesk.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IbanDetectorTest {
    private static final IbanDetector DETECTOR = new IbanDetector();

    // Examples from the SWIFT IBAN registry and national banks.
    @ParameterizedTest
    @ValueSource(strings = {"GB82 WEST 1234 5698 7654 32", "DE89 3704 0044 0532 0130 00", "DE89370400440532013000",
            "PL61 1090 1014 0000 0712 1981 2874", "FR14 2004 1010 0505 0001 3M02 606", "NO93 8601 1117 947",
            "DK50 0040 0440 1162 43", "FI21 1234 5600 0007 85", "LV80 BANK 0000 4351 9500 1",
            "SE45 5000 0000 0583 9825 7466", "PL67 1751 0864 2811 4022 1168 3238"})
    void detectShouldFindRegistryExamples(String iban) {
        assertThat(Found.by(DETECTOR, "Konto: " + iban + ". Danke")).containsExactly("IBAN " + iban);
    }

    @Test
    void detectShouldFindPolishNrbWithoutCountryCode() {
        assertThat(Found.by(DETECTOR, "nr rachunku 61 1090 1014 0000 0712 1981 2874"))
                .containsExactly("NRB 61 1090 1014 0000 0712 1981 2874");
        assertThat(Found.by(DETECTOR, "nr rachunku 61109010140000071219812874"))
                .containsExactly("NRB 61109010140000071219812874");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PL84 1059 8070 7435 9489 6212 7147", "DE88 3704 0044 0532 0130 00",
            "XX89 3704 0044 0532 0130 00", "DE89 3704 0044 0532 0130 0", "62 1090 1014 0000 0712 1981 2874",
            "ISBN978 3 16 148410 0"})
    void detectShouldLeaveNumbersWhoseCheckOrLengthFails(String text) {
        assertThat(Found.by(DETECTOR, text)).isEmpty();
    }
}
