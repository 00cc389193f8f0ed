package eu.postdesk.mailets.redaction;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A value whose characters sit in several HTML elements, or around invisible characters, is still found and masked. */
class MarkupSplitTest {
    private static final String PESEL = "44051401359";
    private static final String TOKEN = "ghp_" + "R8s2Kd0QwPz7LmX4nV6bT1yH9cJ3fA5eG0uW";
    private static RedactSensitiveData mailet;

    @BeforeAll
    static void setUp() throws Exception {
        mailet = PlaceholderTest.mailet(Map.of());
    }

    private static String html(String body) throws Exception {
        FakeMail mail = FakeMail.builder().name("m").mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("x")
                .setText("<html><body>" + body + "</body></html>", "text/html; charset=UTF-8").build()).build();
        mailet.service(mail);
        return (String) AgentView.of(mail.getMessage()).message.getContent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<p>PESEL: <span>4405</span><span>1401359</span></p>",
            "<p>PESEL: <b>44</b><i>051</i><span style=\"color:red\">401</span>359</p>",
            "<p>PESEL: 4405&shy;1401&shy;359</p>",
            "<p>PESEL: 4405&#8203;1401359</p>",
            "<p>PESEL: 4405\u200b1401\u200c359</p>",
            "<p>PESEL: <span>4405</span>&#173;<span>1401359</span></p>",
            "<p>PESEL: 4405<wbr>1401359</p>",
    })
    void splitIdentifierInHtmlShouldBeMasked(String body) throws Exception {
        String masked = html(body);

        assertThat(masked.replaceAll("<[^>]*>|&shy;|&#173;|&#8203;|[\u00ad\u200b\u200c]", "")).doesNotContain(PESEL)
                .contains("PESEL: [#1 ********]");
        assertThat(masked).doesNotContain("4405").doesNotContain("359<").contains("<p>");
    }

    @Test
    void splitTokenInHtmlShouldBeMaskedWithThePlaceholderInItsFirstPiece() throws Exception {
        String masked = html("<div>token <span>" + TOKEN.substring(0, 12) + "</span><span>" + TOKEN.substring(12) + "</span> ok</div>");

        assertThat(masked).contains("<div>token <span>[#1 ********]</span><span></span> ok</div>");
    }

    @Test
    void blockElementsShouldNotJoinTheirText() throws Exception {
        String body = "<table><tr><td>4405</td><td>1401359</td></tr></table><p>4405</p><p>1401359</p>4405<br>1401359";

        assertThat(html(body)).contains("<td>4405</td><td>1401359</td>").contains("<p>4405</p><p>1401359</p>")
                .contains("4405<br>1401359");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4405\u00ad1401359", "4405\u200b1401359", "\u200b44051401359\u2060", "4405\ufeff1401\u200d359"})
    void invisibleCharactersInPlainTextShouldNotHideAValue(String written) throws Exception {
        FakeMail mail = PlaceholderTest.run(mailet, "x", "PESEL " + written + " danke");

        String text = PlaceholderTest.text(mail);
        assertThat(text.replaceAll("[\u00ad\u200b-\u200d\u2060\ufeff]", "")).isEqualTo("PESEL [#1 ********] danke");
    }

    @Test
    void invisibleCharactersInsideATokenShouldNotHideIt() throws Exception {
        FakeMail mail = PlaceholderTest.run(mailet, "x", "token " + TOKEN.substring(0, 10) + "\u200b" + TOKEN.substring(10));

        assertThat(PlaceholderTest.text(mail)).isEqualTo("token [#1 ********]");
    }
}
