package eu.postdesk.detect.rules;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which regexes get the wide window: those that may match across lines. */
class SpansLinesTest {
    @ParameterizedTest
    @ValueSource(strings = {
            "(?i)-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\\s\\S-]{64,}?KEY(?: BLOCK)?-----",
            "key\\s*=\\s*(\\w+)",
            "a\\nb",
            "(?s)BEGIN.+END",
            "\"([^\"]{3,})\"",
            "x\\s{0,10}y",
    })
    void regexesThatMayCrossLinesShouldSpanLines(String regex) {
        assertThat(RuleSecretDetector.spansLines(regex)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\\b(glpat-[0-9A-Za-z_-]{20})(?:[^0-9A-Za-z_-]|$)",
            "(?i)[\\w.-]{0,50}?(?:heroku)(?:[ \\t\\w.-]{0,20})[\\s'\"]{0,3}(?:=|>|:{1,3}=|\\|\\||:|=>|\\?=|,)[\\x60'\"\\s=]{0,5}([0-9a-f]{8})",
            "[[:alnum:]]{40}",
            "\\\\s+literal",
    })
    void singleLineRegexesShouldNot(String regex) {
        assertThat(RuleSecretDetector.spansLines(regex)).isFalse();
    }
}
