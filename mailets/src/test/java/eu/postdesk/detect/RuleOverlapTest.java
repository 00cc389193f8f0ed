package eu.postdesk.detect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How a rule's finding and a hand-written detector's finding of the same span merge (docs/detectors.md). */
class RuleOverlapTest {
    private static final SensitiveDataScanner SCANNER = SensitiveDataScanner.standard();

    @Test
    void onTheSameSpanTheHandWrittenDetectorListedFirstShouldGiveTheKind() {
        String password = "pscale_pw_" + "Qw3rTy9UiOp1As2Df4Gh6Jk8Lz0Xc5Vb7Nm";

        assertThat(Found.by(SCANNER, "DATABASE_URL=mysql://shop:" + password + "@aws.connect.psdb.cloud/shop"))
                .containsExactly("CONNECTION_STRING " + password);
    }

    @Test
    void aRuleShouldGiveTheKindOverTheKeywordFallbackOnTheSameSpan() {
        String token = "dop_v1_" + "9f2c4e1a7b3d5f60".repeat(4);

        assertThat(Found.by(SCANNER, "api token: " + token)).containsExactly("digitalocean-pat " + token);
    }
}
