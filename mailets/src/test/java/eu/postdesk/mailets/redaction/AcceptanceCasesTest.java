package eu.postdesk.mailets.redaction;

import eu.postdesk.mailets.PostdeskAttributes;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The attachment cases of the public acceptance corpus, run through the mailet with test detectors tuned to their values. */
class AcceptanceCasesTest {
    private static RedactSensitiveData mailet;

    @BeforeAll
    static void setUp() throws Exception {
        mailet = new RedactSensitiveData(TestDetectors.scanner());
        mailet.init(FakeMailetConfig.builder().mailetName("RedactSensitiveData").build());
    }

    private static AgentView redact(String resource) throws Exception {
        FakeMail mail = FakeMail.builder().name(resource).mimeMessage(AgentView.load(resource)).build();
        mailet.service(mail);
        assertThat(mail.getAttribute(PostdeskAttributes.REDACTION_FAILED)).isEmpty();
        return AgentView.of(mail.getMessage());
    }

    @Test
    void case013TextFileWithPasswortIsRedactedAndPngKept() throws Exception {
        AgentView view = redact("013.eml");

        assertThat(view.everything()).doesNotContain("Zugspitze_2570$").contains("VR-03");
        AgentView.Attachment text = view.attachment("zugang.txt");
        assertThat(text.fate()).isEqualTo("redacted");
        assertThat(text.contentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(text.text()).contains("Passwort: [#1 ********]\n");
        assertThat(view.attachment("fehlermeldung.png").fate()).isEqualTo("kept");
        assertThat(view.attachment("fehlermeldung.png").bytes()).isEqualTo(originalAttachment("013.eml", "fehlermeldung.png"));
    }

    @Test
    void case014ForwardedMessageIsRedactedInside() throws Exception {
        AgentView view = redact("014.eml");

        assertThat(view.everything())
                .doesNotContain("Sillfest.1347%")
                .doesNotContain("xoxb-549949468188-7062648121813-dhU0cuQ6FfXupL8YBp3XEtTU")
                .contains("Slack-integrationen");
        AgentView.Attachment forwarded = view.attachment("Integrationen mot Slack.eml");
        assertThat(forwarded.fate()).isEqualTo("redacted");
        assertThat(forwarded.contentType()).startsWith("message/rfc822");
        assertThat(AgentView.extractedText(forwarded.bytes())).contains("bot-token:").doesNotContain("xoxb-5499");
    }

    @Test
    void case015PdfWithCardIsRedactedAndDocxKept() throws Exception {
        AgentView view = redact("015.eml");

        assertThat(view.everything()).doesNotContain("4889 2664 7646 4529").contains("Canterbury shop");
        AgentView.Attachment pdf = view.attachment("payment-form.pdf");
        assertThat(pdf.fate()).isEqualTo("redacted");
        assertThat(pdf.text()).contains("[#1 ********]");
        AgentView.Attachment docx = view.attachment("delivery-schedule.docx");
        assertThat(docx.fate()).isEqualTo("kept");
        assertThat(docx.bytes()).isEqualTo(originalAttachment("015.eml", "delivery-schedule.docx"));
    }

    @Test
    void case016DocxWithPasswordAndPeselIsRedactedCsvKeptJpegLosesGps() throws Exception {
        AgentView view = redact("016.eml");

        assertThat(view.everything()).doesNotContain("Kasztan_2524?").doesNotContain("83113054119")
                .contains("a.krol").contains("stan surowy;2025-06-30");
        assertThat(view.attachment("dostep_kierownik.docx").fate()).isEqualTo("redacted");
        assertThat(view.attachment("harmonogram.csv").fate()).isEqualTo("kept");
        assertThat(view.attachment("harmonogram.csv").bytes()).isEqualTo(originalAttachment("016.eml", "harmonogram.csv"));
        AgentView.Attachment photo = view.attachment("plac_budowy.jpg");
        assertThat(photo.fate()).isEqualTo("kept");
        byte[] original = originalAttachment("016.eml", "plac_budowy.jpg");
        assertThat(JpegSegments.markers(original)).contains(0xE1);
        assertThat(JpegSegments.markers(photo.bytes())).doesNotContain(0xE1);
        assertThat(Arrays.asList(AgentView.metadata(photo.bytes()).names())).noneMatch(name -> name.toLowerCase().contains("gps"));
        assertThat(JpegSegments.imageData(photo.bytes())).isEqualTo(JpegSegments.imageData(original));
    }

    @Test
    void case030ZipWithExecutableAndEncryptedZipAreQuarantined() throws Exception {
        AgentView view = redact("030.eml");

        assertThat(view.everything()).doesNotContain("aqRyS1H%Bqs").contains("JT-3310");
        assertThat(view.attachment("opdatering.zip").fate()).isEqualTo("quarantined; reason=\"archive contains an executable file\"");
        assertThat(view.attachment("rapport_JT-3310.zip").fate()).isEqualTo("quarantined; reason=\"encrypted archive\"");
        assertThat(view.attachment("opdatering.zip").text()).doesNotContain("PK");
    }

    @Test
    void findingsAreReportedByKindAndPlaceWithoutValues() throws Exception {
        FakeMail mail = FakeMail.builder().name("016").mimeMessage(AgentView.load("016.eml")).build();
        mailet.service(mail);

        @SuppressWarnings("unchecked")
        Map<String, AttributeValue<?>> byKind = (Map<String, AttributeValue<?>>) mail.getAttribute(PostdeskAttributes.REDACTIONS_BY_KIND).orElseThrow().getValue().value();
        assertThat(byKind).containsEntry("PASSWORD", AttributeValue.of(1)).containsEntry("PESEL", AttributeValue.of(1));
        @SuppressWarnings("unchecked")
        Map<String, AttributeValue<?>> byLocation = (Map<String, AttributeValue<?>>) mail.getAttribute(PostdeskAttributes.REDACTIONS_BY_LOCATION).orElseThrow().getValue().value();
        assertThat(byLocation).containsEntry("attachment:dostep_kierownik.docx", AttributeValue.of(2));
        assertThat(byKind.toString() + byLocation).doesNotContain("Kasztan").doesNotContain("83113054119");
    }

    private static byte[] originalAttachment(String resource, String name) throws Exception {
        return AgentView.of(AgentView.load(resource)).attachment(name).bytes();
    }
}
