package eu.postdesk.detect;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What documentation and templates write where a token goes stays visible; real tokens next to them do not. */
class PlaceholdersTest {
    private static final SensitiveDataScanner SCANNER = SensitiveDataScanner.standard();

    @ParameterizedTest
    @ValueSource(strings = {
            "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
            "glpat-XXXXXXXXXXXXXXXXXXXX",
            "glpat-xxxxxxxxxxxxxxxxxxxx",
            "sk_live_0000000000000000000000000000",
            "xoxb-XXXXXXXXXXXX-XXXXXXXXXXXX-XXXXXXXXXXXXXXXXXXXXXXXX",
            "npm_000000000000000000000000000000000000",
            "dop_v1_0000000000000000000000000000000000000000000000000000000000000000",
            "AKIAIOSFODNN7EXAMPLE",
            "AKIAXXXXXXXXXXXXXXXX",
            "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "curl -u admin:${ADMIN_PASSWORD} https://shop.example.org/api",
            "curl -u admin:<pass> https://shop.example.org/api",
            "curl -u admin:PUT_YOUR_PASSWORD_HERE https://shop.example.org/api",
            "curl -u admin:'$PASSWORD' https://shop.example.org/api",
            "curl -u admin:#### https://shop.example.org/api",
            "sntryu_0000000000000000000000000000000000000000000000000000000000000000",
    })
    void placeholdersShouldStayVisible(String line) {
        assertThat(Found.by(SCANNER, "Use this in your config: " + line + " and restart.")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "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",
            "glpat-xK7mNq2vR9sT4wY8zB1c",
            "AKIA2E0A8F3B244C9986",
            "curl -u admin:Tr0ub4dor&3x https://shop.example.org/api",
    })
    void realValuesBesidePlaceholdersShouldStillBeFound(String line) {
        assertThat(Found.by(SCANNER, "Use this in your config: " + line + " and restart.")).hasSize(1);
    }
}
