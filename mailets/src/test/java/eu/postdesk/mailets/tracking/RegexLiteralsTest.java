package eu.postdesk.mailets.tracking;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RegexLiteralsTest {

    @ParameterizedTest(name = "{0}: starts with [{1}], needs [{2}]")
    @CsvSource(delimiter = ' ', value = {
            "/ls/click\\?upn= /ls/click?upn= /ls/click?upn=",
            "/\\?qs=[0-9a-f]{40,} /?qs= /?qs=",
            "/track/open\\.php\\?u=\\d+ /track/open.php?u= /track/open.php?u=",
            "/([^?#]*/)?open([/.?&;#].*)?$ / open",
            "/([^?#]*/)?e?-?mail[_-]?open / mail",
            "[^?#]*aws-track-email-open '' aws-track-email-open",
            "/[MN][A-Za-z0-9]{3}L[UV][A-Za-z0-9]{2}[Q-X][A-Za-z0-9]0[w-z0-9][MN][A-Za-z0-9]{2}AA / AA",
            "/ab?c /a /a",
            "/ab*c /a /a",
            "/ab+c /a /ab",
            "/x{2}y / /",
            "/x[a-z]{123}y /x /x",
            "/ab{16} /a /a",
            "/o/\\d{1000}/p /o/ /o/",
            "/e/c/eyJ[A-Za-z0-9_-]{16} /e/c/eyJ /e/c/eyJ",
            "/a\\d+/bcd /a /bcd",
            "(?i)/open '' ''",
            "/a(?i)open '' ''",
            "^/open '' /open",
    })
    void shouldFindTheLiteralsEveryMatchHas(String regex, String prefix, String required) {
        assertThat(RegexLiterals.prefix(regex)).isEqualTo(prefix);
        assertThat(RegexLiterals.required(regex)).isEqualTo(required);
        com.google.re2j.Pattern.compile(regex);
    }
}
