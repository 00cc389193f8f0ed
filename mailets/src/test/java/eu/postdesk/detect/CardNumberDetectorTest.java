package eu.postdesk.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CardNumberDetectorTest {
    private static final CardNumberDetector DETECTOR = new CardNumberDetector();

    // The card schemes' published test numbers (Visa, Mastercard 5- and 2-series, Amex, Discover,
    // JCB, Diners, UnionPay, Maestro).
    @ParameterizedTest
    @ValueSource(strings = {"4111 1111 1111 1111", "4111-1111-1111-1111", "4111111111111111", "4012888888881881",
            "5555 5555 5555 4444", "2223 0031 2200 3222", "3782 822463 10005", "6011 1111 1111 1117",
            "3530 1113 3330 0000", "3056 930902 5904", "6200000000000005", "6759649826438453",
            "4222222222222"})
    void detectShouldFindPublishedTestCards(String card) {
        assertThat(Found.by(DETECTOR, "Please charge " + card + ", thanks")).containsExactly("CARD " + card);
    }

    @Test
    void detectShouldFindCardFollowedBySecurityCode() {
        assertThat(Found.by(DETECTOR, "card 4111 1111 1111 1111 123 exp 12/27"))
                .containsExactly("CARD 4111 1111 1111 1111");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Booking reference: 5220-3026-4543-6052.",
            "Order 4111111111111112 shipped",
            "Call +45 3312 3456 7890 1234",
            "Tracking 1Z999AA10123456784",
            "Invoice 9111111111111110",
            "version 4111.1111.1111.1111",
            "PL84 1059 8070 7435 9489 6212 7147",
            "4111 1111 1111 11",
    })
    void detectShouldLeaveLookAlikes(String text) {
        assertThat(Found.by(DETECTOR, text)).isEmpty();
    }
}
