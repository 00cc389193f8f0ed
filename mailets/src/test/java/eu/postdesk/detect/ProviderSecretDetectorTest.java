package eu.postdesk.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProviderSecretDetectorTest {
    private static final ProviderSecretDetector DETECTOR = new ProviderSecretDetector();

    // Format-valid samples: jwt.io's example token, the rest random strings in each provider's
    // published shape (AWS's documented EXAMPLE pair is a placeholder: see PlaceholdersTest).
    @ParameterizedTest
    @CsvSource({
            "AWS_ACCESS_KEY, AKIA2E0A8F3B244C9986",
            "AWS_ACCESS_KEY, ASIAY34FZKBOKMUTVV7A",
            "GITHUB_TOKEN, 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",
            "GITHUB_TOKEN, gho_16C7e42F292c6912E7710c838347Ae178B4a",
            "GITHUB_TOKEN, github_pat_11ABCDEFG0123456789abc_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ012345678",
            "SLACK_TOKEN, xoxb-549949468188-7062648121813-dhU0cuQ6FfXupL8YBp3XEtTU",
            "SLACK_TOKEN, xoxp-297064363006-336029687693-5607431621703-470447f6b2af491ad2be2f9eb2ab3492",
            "STRIPE_KEY, sk_live_PRX5dE23AySR1nMdlzENTl7M",
            "STRIPE_KEY, rk_live_51H8hKjLmNoPqRsTuVwXyZ012",
            "STRIPE_KEY, sk_test_4eC39HqLyjWDarjtT1zdp7dc",
            "GOOGLE_API_KEY, AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe",
            "SENDGRID_KEY, 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",
            "NPM_TOKEN, npm_wXyZ0123456789abcdefghijklmnopqrstuv",
            "PYPI_TOKEN, pypi-AgEIcHlwaS5vcmcCJDEyMzQ1Njc4LTkwYWItY2RlZi0xMjM0LTU2Nzg5MGFiY2RlZgACKlszLCJhYmMiXQ",
            "OPENAI_KEY, sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3iJk6lMn9o",
            "OPENAI_KEY, 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",
            "ANTHROPIC_KEY, sk-ant-api03-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3iJk6l-Mn9oAA",
            "JWT, eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    })
    void detectShouldFindSecretByItsPublishedFormat(String kind, String secret) {
        assertThat(Found.by(DETECTOR, "config: " + secret + " (rotated)")).containsExactly(kind + " " + secret);
    }

    @Test
    void detectShouldFindAwsSecretKeyOnlyNearAnAwsContext() {
        String secret = "Zq3vX9Lm2Kp8Rt5Wn1Yc7Hb4Jd6Fg0Ts2Ue8Vi3A";
        assertThat(Found.by(DETECTOR, "aws_secret_access_key = " + secret))
                .containsExactly("AWS_SECRET_KEY " + secret);
        assertThat(Found.by(DETECTOR, "AKIA2E0A8F3B244C9986 / " + secret))
                .containsExactly("AWS_ACCESS_KEY AKIA2E0A8F3B244C9986", "AWS_SECRET_KEY " + secret);
        assertThat(Found.by(DETECTOR, "checksum " + secret)).isEmpty();
    }

    @Test
    void detectShouldFindTwilioKeysOnlyNearTheWordTwilio() {
        String sid = "SK" + "0123456789abcdef0123456789abcdef";
        assertThat(Found.by(DETECTOR, "Twilio API key: " + sid)).containsExactly("TWILIO_KEY " + sid);
        assertThat(Found.by(DETECTOR, "build " + sid)).isEmpty();
    }

    @Test
    void detectShouldFindSlackWebhookPathAndAzureAccountKey() {
        String text = "hook https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX and "
                + "DefaultEndpointsProtocol=https;AccountName=shop;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;EndpointSuffix=core.windows.net";
        assertThat(Found.by(DETECTOR, text)).containsExactly(
                "SLACK_WEBHOOK T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
                "AZURE_KEY Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Deployed revision: c8b0b6975ff0d0e7a182c48169d1f9ed4613e3a9 (release v1.9.0).",
            "request id 123e4567-e89b-12d3-a456-426614174000",
            "The task-list is in the sk-team folder",
            "eyJub3QiOiJhIGp3dCJ9.eyJhIjoxfQ.c2ln",
            "ghp_tooShort and AKIA1234 and xoxb-1",
            "the ASKIAN project, the SG.abc ticket",
    })
    void detectShouldLeaveLookAlikes(String text) {
        assertThat(Found.by(DETECTOR, text)).isEmpty();
    }
}
