package eu.postdesk.mailets.redaction;

import eu.postdesk.mailets.PostdeskAttributes;
import jakarta.mail.MessagingException;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Placeholders through the mailet with the standard detectors: they tell "the same value again", never the value or its length. */
class PlaceholderTest {
    private static final String PESEL = "44051401359";
    private static final String OTHER_PESEL = "02270803624";
    private static final Pattern TAG = Pattern.compile("\\[PESEL#([a-z2-7]{8}) \\*{8}]");

    static RedactSensitiveData mailet(Map<String, String> parameters) throws MessagingException {
        RedactSensitiveData mailet = new RedactSensitiveData();
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("RedactSensitiveData");
        parameters.forEach(config::setProperty);
        mailet.init(config.build());
        return mailet;
    }

    static FakeMail run(RedactSensitiveData mailet, String subject, String text) throws Exception {
        FakeMail mail = FakeMail.builder().name("m")
                .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject(subject).setText(text).build()).build();
        mailet.service(mail);
        return mail;
    }

    static String text(FakeMail mail) throws Exception {
        return (String) AgentView.of(mail.getMessage()).message.getContent();
    }

    @Test
    void placeholderShouldNotTellTheLengthOfTheValue() throws Exception {
        FakeMail mail = run(mailet(Map.of()), "x", "Passwort: Ab1! und Kennwort: Zugspitze_2570$Sommer2024!");

        assertThat(text(mail)).isEqualTo("Passwort: [#1 ********] und Kennwort: [#2 ********]");
    }

    @Test
    void theSameValueShouldGetTheSameNumberAndAnotherValueTheNext() throws Exception {
        FakeMail mail = run(mailet(Map.of("label", "true")), "PESEL " + PESEL,
                "PESEL " + PESEL + ", brat: PESEL " + OTHER_PESEL + ", jeszcze raz " + PESEL);

        assertThat(mail.getMessage().getSubject()).isEqualTo("PESEL [PESEL#1 ********]");
        assertThat(text(mail)).isEqualTo("PESEL [PESEL#1 ********], brat: PESEL [PESEL#2 ********], jeszcze raz [PESEL#1 ********]");
        assertThat(mail.getAttribute(PostdeskAttributes.REDACTIONS_BY_KIND).orElseThrow().getValue().value())
                .isEqualTo(Map.of("PESEL", AttributeValue.of(2)));
    }

    @Test
    void oneNumberWrittenTwoWaysShouldBeOneValue() throws Exception {
        FakeMail mail = run(mailet(Map.of()), "IBAN", "PL61 1090 1014 0000 0712 1981 2874 czy pl61109010140000071219812874?");

        assertThat(text(mail)).isEqualTo("[#1 ********] czy [#1 ********]?");
    }

    @Test
    void cardLastFourShouldKeepOnlyTheLastFourDigits() throws Exception {
        FakeMail mail = run(mailet(Map.of("cardLastFour", "true")), "x", "Karte 4111 1111 1111 1111 und 378282246310005");

        assertThat(text(mail)).isEqualTo("Karte [#1 ****1111] und [#2 ****0005]");
    }

    @Test
    void aPlaceholderShouldNotBeMaskedAgain() throws Exception {
        RedactSensitiveData redact = mailet(Map.of("label", "true", "cardLastFour", "true"));
        String once = text(run(redact, "x", "Passwort: Zugspitze_2570$ Karte 4111 1111 1111 1111"));

        FakeMail twice = run(redact, "x", once);

        assertThat(text(twice)).isEqualTo(once).isEqualTo("Passwort: [PASSWORD#1 ********] Karte [CARD#2 ****1111]");
        assertThat(twice.getAttribute(PostdeskAttributes.REDACTIONS_BY_KIND).orElseThrow().getValue().value()).isEqualTo(Map.of());
    }

    @Test
    void keyedTagsShouldBeTheSameInEveryMessageButDifferUnderAnotherKey() throws Exception {
        RedactSensitiveData keyed = mailet(Map.of("label", "true", "placeholderKey", "server-key-0123456789abcdef"));
        RedactSensitiveData otherKey = mailet(Map.of("label", "true", "placeholderKey", "another-key-0123456789abcdef"));

        String first = tag(text(run(keyed, "x", "PESEL " + PESEL)));
        String again = tag(text(run(keyed, "y", "Nochmal: " + PESEL + ".")));
        String other = tag(text(run(keyed, "z", "PESEL " + OTHER_PESEL)));
        String underOtherKey = tag(text(run(otherKey, "x", "PESEL " + PESEL)));

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(underOtherKey).isNotEqualTo(first);
        assertThat(first).doesNotContainPattern("\\d{3}");
    }

    @Test
    void initShouldRefuseAShortPlaceholderKeyWithoutQuotingIt() {
        assertThatThrownBy(() -> mailet(Map.of("placeholderKey", "short-secret")))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("placeholderKey")
                .hasMessageNotContaining("short-secret");
    }

    @Test
    void companyNumbersShouldStayVisibleByDefault() throws Exception {
        String text = "Faktura: NIP PL 856-734-62-15, REGON 192598184, CVR 13585628, org.nr 556016-0680 (PESEL " + PESEL + ")";
        FakeMail mail = run(mailet(Map.of()), "x", text);

        assertThat(text(mail)).isEqualTo(text.replace(PESEL, "[#1 ********]"));
    }

    @Test
    void companyNumbersShouldBeMaskedWhenTheTeamAsksForIt() throws Exception {
        FakeMail mail = run(mailet(Map.of("companyIdentifiers", "mask", "label", "true")), "x",
                "NIP 856-734-62-15, REGON 192598184, CVR 13585628, Y-tunnus 2077474-0");

        assertThat(text(mail)).isEqualTo("NIP [NIP#1 ********], REGON [REGON#2 ********], CVR [CVR#3 ********], "
                + "Y-tunnus [Y_TUNNUS#4 ********]");
    }

    @Test
    void initShouldRefuseAnUnknownCompanyIdentifiersValue() {
        assertThatThrownBy(() -> mailet(Map.of("companyIdentifiers", "hide")))
                .isInstanceOf(MessagingException.class).hasMessageContaining("companyIdentifiers must be keep or mask");
    }

    private static String tag(String text) {
        Matcher matcher = TAG.matcher(text);
        assertThat(matcher.find()).as("a keyed PESEL placeholder in %s", text).isTrue();
        return matcher.group(1);
    }
}
