package eu.postdesk.mailets.redaction;

import eu.postdesk.mailets.PostdeskAttributes;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedactSensitiveDataTest {
    private static final String PASSWORD = "Geheim-4711!";
    private static final String CARD = "4111 1111 1111 1111";
    private static RedactSensitiveData mailet;

    @BeforeAll
    static void setUp() throws Exception {
        mailet = mailet(Map.of());
    }

    static RedactSensitiveData mailet(Map<String, String> parameters) throws MessagingException {
        RedactSensitiveData mailet = new RedactSensitiveData(TestDetectors.scanner());
        FakeMailetConfig.Builder config = FakeMailetConfig.builder().mailetName("RedactSensitiveData");
        parameters.forEach(config::setProperty);
        mailet.init(config.build());
        return mailet;
    }

    private static FakeMail run(RedactSensitiveData mailet, MimeMessageBuilder message) throws Exception {
        FakeMail mail = FakeMail.builder().name("mail").mimeMessage(message.build()).build();
        mailet.service(mail);
        return mail;
    }

    private static MimeMessageBuilder withAttachment(String name, String type, byte[] content) throws Exception {
        return MimeMessageBuilder.mimeMessageBuilder().setSubject("Problem").setMultipartWithBodyParts(
                MimeMessageBuilder.bodyPartBuilder().data("Hello, see the attachment."),
                MimeMessageBuilder.bodyPartBuilder().type(type).filename(name).disposition("attachment").data(content));
    }

    private static AgentView.Attachment only(FakeMail mail, String name) throws Exception {
        return AgentView.of(mail.getMessage()).attachment(name);
    }

    private static MimeMessage raw(byte[] bytes) throws Exception {
        return new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()), new java.io.ByteArrayInputStream(bytes));
    }

    @Test
    void serviceShouldReadAnUndeclaredEightBitBodyAsUtf8AndMaskThePasswordAfterItsPolishLabel() throws Exception {
        String body = "Dzień dobry, moje hasło: Tajne!2024xyz i PESEL 44051401359";
        FakeMail mail = FakeMail.builder().name("mail")
                .mimeMessage(raw(("From: a@example.test\r\nSubject: pomoc\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.UTF_8))).build();

        mailet.service(mail);

        String text = (String) AgentView.of(mail.getMessage()).message.getContent();
        assertThat(text).startsWith("Dzień dobry, moje hasło: ").contains("***")
                .doesNotContain("Tajne!2024xyz").doesNotContain("44051401359");
    }

    @Test
    void serviceShouldReadADeclaredUsAsciiBodyThatIsNotAsciiByItsBytes() throws Exception {
        String body = "Grüße, Passwort: Geheimnis-42";
        FakeMail mail = FakeMail.builder().name("mail").mimeMessage(raw(("From: a@example.test\r\nSubject: Hilfe\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body + "\r\n")
                .getBytes(java.nio.charset.Charset.forName("windows-1252")))).build();

        mailet.service(mail);

        String text = (String) AgentView.of(mail.getMessage()).message.getContent();
        assertThat(text).startsWith("Grüße, Passwort: ").contains("***").doesNotContain("Geheimnis-42");
    }

    @Test
    void serviceShouldMaskAnIdentifierInAnAttachmentsFileName() throws Exception {
        FakeMail mail = run(mailet, withAttachment("PESEL_44051401458.txt", "text/plain", "nothing secret here".getBytes(StandardCharsets.UTF_8)));

        AgentView view = AgentView.of(mail.getMessage());
        assertThat(view.attachments).singleElement().satisfies(attachment -> {
            assertThat(attachment.name()).startsWith("PESEL_").endsWith(".txt").contains("***").doesNotContain("44051401458");
            assertThat(attachment.fate()).isEqualTo("kept");
        });
        assertThat(mail.getAttribute(PostdeskAttributes.REDACTIONS_BY_LOCATION).orElseThrow().getValue().value().toString())
                .doesNotContain("44051401458");
    }

    @Test
    void serviceShouldNameAWithheldAttachmentsPlaceholderByItsMaskedName() throws Exception {
        FakeMail mail = run(mailet, withAttachment("PESEL_44051401458.pdf", "application/pdf", "%PDF-1.4 nothing".getBytes(StandardCharsets.UTF_8)));

        AgentView view = AgentView.of(mail.getMessage());
        assertThat(view.attachments).singleElement().satisfies(attachment -> {
            assertThat(attachment.name()).startsWith("PESEL_").endsWith(".pdf").contains("***").doesNotContain("44051401458");
            assertThat(attachment.fate()).startsWith("quarantined");
        });
        assertThat(view.everything()).doesNotContain("44051401458");
    }

    @Test
    void serviceShouldKeepTheUnderscoresOfAFileNameAroundALabelledPlaceholder() throws Exception {
        FakeMail mail = run(mailet(Map.of("label", "true")),
                withAttachment("scan_PESEL_44051401458_final.txt", "text/plain", "nothing secret here".getBytes(StandardCharsets.UTF_8)));

        assertThat(AgentView.of(mail.getMessage()).attachments).singleElement().extracting(AgentView.Attachment::name).asString()
                .startsWith("scan_PESEL_[PESEL").endsWith("]_final.txt").doesNotContain("44051401458");
    }

    @Test
    void serviceShouldReadARawEightBitSubjectAsUtf8AndMaskThePasswordInIt() throws Exception {
        FakeMail mail = FakeMail.builder().name("mail").mimeMessage(raw(("From: a@example.test\r\nSubject: Moje hasło: Tajne!2024xyz\r\n\r\nhi\r\n")
                .getBytes(StandardCharsets.UTF_8))).build();

        mailet.service(mail);

        assertThat(AgentView.of(mail.getMessage()).message.getSubject()).startsWith("Moje hasło: ").contains("***")
                .doesNotContain("Tajne!2024xyz");
    }

    @Test
    void serviceShouldKeepAnEncodedFileNameWithLineBreaksOnOneLineInAWithheldAttachmentsPlaceholder() throws Exception {
        String name = "=?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString("tool.exe\r\nX-Postdesk-Fate: kept".getBytes(StandardCharsets.UTF_8)) + "?=";
        FakeMail mail = run(mailet, withAttachment(name, "application/octet-stream", new byte[] {'M', 'Z', 0, 0, 1, 2, 3}));

        AgentView view = AgentView.of(mail.getMessage());
        assertThat(view.attachments).extracting(AgentView.Attachment::name).containsExactly("tool.exe X-Postdesk-Fate: kept");
        assertThat(view.attachments.get(0).fate()).startsWith("quarantined");
    }

    @Test
    void serviceShouldMaskSubjectWithAPlaceholderOfFixedWidth() throws Exception {
        FakeMail mail = run(mailet, MimeMessageBuilder.mimeMessageBuilder().setSubject("Login Passwort: " + PASSWORD).setText("hi"));

        assertThat(mail.getMessage().getSubject()).isEqualTo("Login Passwort: [#1 ********]");
    }

    @Test
    void serviceShouldMaskPlainTextBodyAndKeepTheRest() throws Exception {
        FakeMail mail = run(mailet, MimeMessageBuilder.mimeMessageBuilder().setSubject("Card")
                .setText("Order 12345, card " + CARD + ", Passwort: " + PASSWORD + " thanks"));

        String text = (String) AgentView.of(mail.getMessage()).message.getContent();
        assertThat(text).isEqualTo("Order 12345, card [#1 ********], Passwort: [#2 ********] thanks");
    }

    @Test
    void serviceShouldMaskHtmlTextNodesAndAttributesButKeepMarkup() throws Exception {
        String html = "<html><body><p class=\"x\">Passwort: " + PASSWORD + "</p>"
                + "<a href=\"https://pay.example/?card=4111111111111111&amp;x=1\">pay</a></body></html>";
        FakeMail mail = run(mailet, MimeMessageBuilder.mimeMessageBuilder().setSubject("Html").setText(html, "text/html; charset=UTF-8"));

        String stored = (String) AgentView.of(mail.getMessage()).message.getContent();
        assertThat(stored).doesNotContain(PASSWORD).doesNotContain("4111111111111111")
                .contains("<p class=\"x\">Passwort: [#1 ********]</p>")
                .contains("href=\"https://pay.example/?card=[#2 ********]&amp;x=1\"");
    }

    @Test
    void serviceShouldLeaveMessagesWithoutFindingsUntouched() throws Exception {
        MimeMessage message = MimeMessageBuilder.mimeMessageBuilder().setSubject("Order 12345").setText("Invoice 4111 1111 1111 1112 is late").build();
        message.setHeader("Message-ID", "<abc@example.test>");
        FakeMail mail = FakeMail.builder().name("m").mimeMessage(message).build();

        mailet.service(mail);

        assertThat(mail.getMessage().getContent()).isEqualTo("Invoice 4111 1111 1111 1112 is late");
        assertThat(mail.getAttribute(PostdeskAttributes.REDACTIONS_BY_KIND).orElseThrow().getValue().value()).isEqualTo(Map.of());
    }

    @Test
    void serviceShouldKeepTheMessageIdWhenRewriting() throws Exception {
        MimeMessage message = MimeMessageBuilder.mimeMessageBuilder().setSubject("x").setText("Passwort: " + PASSWORD).build();
        message.setHeader("Message-ID", "<keep-me@example.test>");
        FakeMail mail = FakeMail.builder().name("m").mimeMessage(message).build();

        mailet.service(mail);

        assertThat(AgentView.of(mail.getMessage()).message.getMessageID()).isEqualTo("<keep-me@example.test>");
    }

    @Test
    void labelShouldShowTheKindAndCardLastFourShouldKeepTheLastDigits() throws Exception {
        RedactSensitiveData labelled = mailet(Map.of("label", "true", "cardLastFour", "true"));

        FakeMail mail = run(labelled, MimeMessageBuilder.mimeMessageBuilder().setSubject("x")
                .setText("card " + CARD + " PESEL 83113054119"));

        assertThat(AgentView.of(mail.getMessage()).message.getContent())
                .isEqualTo("card [CARD#1 ****1111] PESEL [PESEL#2 ********]");
    }

    @Test
    void theSameValueShouldGetTheSamePlaceholderEverywhereInTheMessage() throws Exception {
        RedactSensitiveData labelled = mailet(Map.of("label", "true"));

        FakeMail mail = run(labelled, MimeMessageBuilder.mimeMessageBuilder().setSubject("Passwort: " + PASSWORD)
                .setText("Passwort: " + PASSWORD + "\nnochmal Passwort: " + PASSWORD));

        String placeholder = "[PASSWORD#1 ********]";
        assertThat(mail.getMessage().getSubject()).isEqualTo("Passwort: " + placeholder);
        assertThat(AgentView.of(mail.getMessage()).message.getContent()).isEqualTo("Passwort: " + placeholder + "\nnochmal Passwort: " + placeholder);
        assertThat(mail.getAttribute(PostdeskAttributes.REDACTIONS_BY_KIND).orElseThrow().getValue().value())
                .isEqualTo(Map.of("PASSWORD", AttributeValue.of(1)));
        assertThat(mail.getAttribute(PostdeskAttributes.REDACTIONS_BY_LOCATION).orElseThrow().getValue().value())
                .isEqualTo(Map.of("subject", AttributeValue.of(1), "body", AttributeValue.of(1)));
    }

    @Test
    void attachmentWithFindingsShouldBecomeAMaskedTextRenditionUnderItsOwnName() throws Exception {
        FakeMail mail = run(mailet, withAttachment("config.txt", "text/plain", ("user=admin\nPasswort: " + PASSWORD + "\n").getBytes(StandardCharsets.UTF_8)));

        AgentView.Attachment rendition = only(mail, "config.txt");
        assertThat(rendition.fate()).isEqualTo("redacted");
        assertThat(rendition.contentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(rendition.text()).contains("user=admin").contains("Passwort: [#1 ********]").doesNotContain(PASSWORD);
    }

    @Test
    void renditionShouldKeepANonAsciiFileName() throws Exception {
        FakeMail mail = run(mailet, withAttachment("hasło do serwera.txt", "text/plain", ("hasło: " + PASSWORD).getBytes(StandardCharsets.UTF_8)));

        AgentView.Attachment rendition = only(mail, "hasło do serwera.txt");
        assertThat(rendition.fate()).isEqualTo("redacted");
        assertThat(rendition.text()).startsWith("hasło: [#1 ********]").doesNotContain(PASSWORD);
    }

    @Test
    void inlineJpegShouldLoseItsExifAndKeepItsContentId() throws Exception {
        byte[] jpeg = Samples.jpegWithExif("GPS 52.2297 21.0122");
        FakeMail mail = run(mailet, MimeMessageBuilder.mimeMessageBuilder().setSubject("Screenshot").setMultipartWithBodyParts(
                MimeMessageBuilder.bodyPartBuilder().data("<img src=\"cid:shot\">").type("text/html"),
                MimeMessageBuilder.bodyPartBuilder().type("image/jpeg").cid("<shot>").disposition("inline").data(jpeg)));

        jakarta.mail.BodyPart image = ((jakarta.mail.Multipart) AgentView.of(mail.getMessage()).message.getContent()).getBodyPart(1);
        assertThat(image.getHeader("Content-ID")).containsExactly("<shot>");
        assertThat(image.getHeader(PostdeskAttributes.ATTACHMENT_FATE_HEADER)).containsExactly("kept");
        try (java.io.InputStream content = image.getInputStream()) {
            assertThat(content.readAllBytes()).isEqualTo(Samples.jpeg());
        }
    }

    @Test
    void pdfWithFindingsShouldBeRenderedAsMaskedTextKeepingTheOriginalName() throws Exception {
        FakeMail mail = run(mailet, withAttachment("report.pdf", "application/pdf", Samples.pdf("Card " + CARD + " please", false)));

        AgentView.Attachment rendition = only(mail, "report.pdf");
        assertThat(rendition.fate()).isEqualTo("redacted");
        assertThat(rendition.contentType()).startsWith("text/plain");
        assertThat(rendition.text()).contains("Card [#1 ********] please");
    }

    @Test
    void harmlessAttachmentShouldStayByteIdenticalAndBeMarkedKept() throws Exception {
        byte[] csv = "date;task\n2025-03-01;walls\n".getBytes(StandardCharsets.UTF_8);
        FakeMail mail = run(mailet, withAttachment("plan.csv", "text/csv", csv));

        AgentView.Attachment kept = only(mail, "plan.csv");
        assertThat(kept.fate()).isEqualTo("kept");
        assertThat(kept.bytes()).isEqualTo(csv);
    }

    @Test
    void executableShouldBeQuarantinedByItsRealTypeWhateverItsDeclaredName() throws Exception {
        FakeMail mail = run(mailet, withAttachment("invoice.pdf", "application/pdf", Samples.windowsExecutable()));

        AgentView.Attachment placeholder = only(mail, "invoice.pdf");
        assertThat(placeholder.fate()).isEqualTo("quarantined; reason=\"executable file\"");
        assertThat(placeholder.contentType()).startsWith("text/plain");
        assertThat(placeholder.text()).contains("withheld").doesNotContain("MZ");
    }

    @Test
    void scriptShouldBeQuarantinedByItsName() throws Exception {
        FakeMail mail = run(mailet, withAttachment("fix.vbs", "text/plain", "MsgBox \"hi\"".getBytes(StandardCharsets.US_ASCII)));

        assertThat(only(mail, "fix.vbs").fate()).isEqualTo("quarantined; reason=\"executable file\"");
    }

    @Test
    void zipHoldingAnExecutableShouldBeQuarantined() throws Exception {
        byte[] zip = Samples.zip(Map.of("readme.txt", "hi".getBytes(StandardCharsets.UTF_8), "payload.bin", Samples.windowsExecutable()));
        FakeMail mail = run(mailet, withAttachment("tools.zip", "application/zip", zip));

        assertThat(only(mail, "tools.zip").fate()).isEqualTo("quarantined; reason=\"archive contains an executable file\"");
    }

    @Test
    void zipWithFindingsShouldBeRenderedAsTheMaskedTextOfItsMembers() throws Exception {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("notes.txt", ("Passwort: " + PASSWORD).getBytes(StandardCharsets.UTF_8));
        members.put("inner.zip", Samples.zip(Map.of("card.txt", ("card " + CARD).getBytes(StandardCharsets.UTF_8))));
        FakeMail mail = run(mailet, withAttachment("logs.zip", "application/zip", Samples.zip(members)));

        AgentView.Attachment rendition = only(mail, "logs.zip");
        assertThat(rendition.fate()).isEqualTo("redacted");
        assertThat(rendition.text()).contains("--- notes.txt ---").contains("--- card.txt ---").doesNotContain(PASSWORD).doesNotContain(CARD);
    }

    @Test
    void tarHoldingAnExecutableShouldBeQuarantinedThroughTheEmbeddedDocumentWatch() throws Exception {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("readme.txt", "install me".getBytes(StandardCharsets.UTF_8));
        members.put("update.bin", Samples.windowsExecutable());
        FakeMail mail = run(mailet, withAttachment("update.tar", "application/x-tar", Samples.tar(members)));

        assertThat(only(mail, "update.tar").fate()).isEqualTo("quarantined; reason=\"archive contains an executable file\"");
    }

    @Test
    void tarWithFindingsShouldBeRenderedAsMaskedText() throws Exception {
        FakeMail mail = run(mailet, withAttachment("logs.tar", "application/x-tar",
                Samples.tar(Map.of("app.log", ("Passwort: " + PASSWORD).getBytes(StandardCharsets.UTF_8)))));

        AgentView.Attachment rendition = only(mail, "logs.tar");
        assertThat(rendition.fate()).isEqualTo("redacted");
        assertThat(rendition.text()).contains("Passwort: [#1 ********]").doesNotContain(PASSWORD);
    }

    @Test
    void harmlessZipShouldBeKept() throws Exception {
        byte[] zip = Samples.zip(Map.of("readme.txt", "nothing secret".getBytes(StandardCharsets.UTF_8)));
        FakeMail mail = run(mailet, withAttachment("docs.zip", "application/zip", zip));

        assertThat(only(mail, "docs.zip").fate()).isEqualTo("kept");
        assertThat(only(mail, "docs.zip").bytes()).isEqualTo(zip);
    }

    @Test
    void officeFileWithAVbaProjectShouldBeQuarantined() throws Exception {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".getBytes(StandardCharsets.UTF_8));
        members.put("word/vbaProject.bin", new byte[]{1, 2, 3});
        FakeMail mail = run(mailet, withAttachment("report.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Samples.zip(members)));

        assertThat(only(mail, "report.docx").fate()).isEqualTo("quarantined; reason=\"office document with macros\"");
    }

    @Test
    void aesEncryptedZipShouldBeQuarantined() throws Exception {
        byte[] zip = Samples.markedAesEncrypted(Samples.zip(Map.of("secret.txt", "x".repeat(100).getBytes(StandardCharsets.UTF_8))));
        FakeMail mail = run(mailet, withAttachment("secret.zip", "application/zip", zip));

        assertThat(only(mail, "secret.zip").fate()).isEqualTo("quarantined; reason=\"encrypted archive\"");
    }

    @Test
    void oldWordDocumentWithVbaShouldBeQuarantined() throws Exception {
        FakeMail mail = run(mailet, withAttachment("offer.doc", "application/msword", Samples.wordDocumentWithMacros()));

        assertThat(only(mail, "offer.doc").fate()).isEqualTo("quarantined; reason=\"office document with macros\"");
    }

    @Test
    void truncatedJpegShouldBeQuarantinedRatherThanKeptWithItsMetadata() throws Exception {
        byte[] jpeg = Samples.jpegWithExif("GPS 52.2297 21.0122");
        byte[] truncated = java.util.Arrays.copyOf(jpeg, 30);
        FakeMail mail = run(mailet, withAttachment("photo.jpg", "image/jpeg", truncated));

        assertThat(only(mail, "photo.jpg").fate()).isEqualTo("quarantined; reason=\"could not be inspected\"");
    }

    @Test
    void deeplyNestedMessageWithUnknownCharsetShouldGoThroughUntouched() throws Exception {
        MimeMessage message = AgentView.load("029.eml");
        FakeMail mail = FakeMail.builder().name("029").mimeMessage(message).build();

        mailet.service(mail);

        assertThat(mail.getAttribute(PostdeskAttributes.REDACTION_FAILED)).isEmpty();
        java.io.ByteArrayOutputStream written = new java.io.ByteArrayOutputStream();
        mail.getMessage().writeTo(written);
        assertThat(written.toString(StandardCharsets.ISO_8859_1)).contains("VK-5521");
    }

    @Test
    void encryptedPdfShouldBeQuarantined() throws Exception {
        FakeMail mail = run(mailet, withAttachment("statement.pdf", "application/pdf", Samples.pdf("Card " + CARD, true)));

        assertThat(only(mail, "statement.pdf").fate()).isEqualTo("quarantined; reason=\"encrypted PDF\"");
    }

    @Test
    void brokenPdfShouldBeQuarantinedAsNotInspectable() throws Exception {
        byte[] broken = "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> garbage".getBytes(StandardCharsets.US_ASCII);
        FakeMail mail = run(mailet, withAttachment("scan.pdf", "application/pdf", broken));

        assertThat(only(mail, "scan.pdf").fate()).isEqualTo("quarantined; reason=\"could not be inspected\"");
    }

    @Test
    void pngShouldLoseItsTextChunksAndStayKept() throws Exception {
        byte[] png = Samples.pngWithText("Comment", "GPS 52.2297 21.0122 camera serial 99812");
        FakeMail mail = run(mailet, withAttachment("screen.png", "image/png", png));

        AgentView.Attachment kept = only(mail, "screen.png");
        assertThat(kept.fate()).isEqualTo("kept");
        assertThat(new String(kept.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain("tEXt").doesNotContain("99812");
        assertThat(kept.bytes()).isEqualTo(Samples.png());
    }

    @Test
    void jpegShouldLoseItsExifSegmentLosslesslyAndStayKept() throws Exception {
        byte[] jpeg = Samples.jpegWithExif("MM camera serial 99812");
        FakeMail mail = run(mailet, withAttachment("photo.jpg", "image/jpeg", jpeg));

        AgentView.Attachment kept = only(mail, "photo.jpg");
        assertThat(kept.fate()).isEqualTo("kept");
        assertThat(kept.contentType()).startsWith("image/jpeg");
        assertThat(kept.bytes()).isEqualTo(Samples.jpeg());
    }

    @Test
    void attachedMessageShouldBeRedactedInsideAndStayAMessage() throws Exception {
        MimeMessage inner = MimeMessageBuilder.mimeMessageBuilder().setSubject("Zugang").setText("Passwort: " + PASSWORD).build();
        jakarta.mail.internet.MimeBodyPart forwarded = new jakarta.mail.internet.MimeBodyPart();
        forwarded.setContent(inner, "message/rfc822");
        forwarded.setFileName("zugang.eml");
        forwarded.setDisposition("attachment");
        FakeMail mail = run(mailet, MimeMessageBuilder.mimeMessageBuilder().setSubject("Fwd").setMultipartWithBodyParts(
                MimeMessageBuilder.bodyPartBuilder().data("see below").build(), forwarded));

        AgentView view = AgentView.of(mail.getMessage());
        assertThat(view.everything()).doesNotContain(PASSWORD).contains("Passwort: [#1 ********]");
        assertThat(view.attachment("zugang.eml").fate()).isEqualTo("redacted");
        assertThat(view.attachment("zugang.eml").contentType()).startsWith("message/rfc822");
        assertThat(mail.getAttribute(PostdeskAttributes.REDACTIONS_BY_KIND).orElseThrow().getValue().value())
                .isEqualTo(Map.of("PASSWORD", AttributeValue.of(1)));
    }

    @Test
    void attachmentOverTheSizeLimitShouldBeQuarantinedAsTooLarge() throws Exception {
        RedactSensitiveData small = mailet(Map.of("maxAttachmentSize", "1KB"));
        FakeMail mail = run(small, withAttachment("big.log", "text/plain", "a".repeat(2048).getBytes(StandardCharsets.US_ASCII)));

        assertThat(only(mail, "big.log").fate()).isEqualTo("quarantined; reason=\"too large to inspect\"");
    }

    @Test
    void attachmentWithMoreTextThanTheCharLimitShouldBeQuarantinedAsTooLarge() throws Exception {
        RedactSensitiveData small = mailet(Map.of("maxExtractedChars", "100"));
        FakeMail mail = run(small, withAttachment("long.txt", "text/plain", "word ".repeat(100).getBytes(StandardCharsets.US_ASCII)));

        assertThat(only(mail, "long.txt").fate()).isEqualTo("quarantined; reason=\"too large to inspect\"");
    }

    @Test
    void bodyLongerThanTheCharLimitShouldBeWithheldRatherThanShownUnscanned() throws Exception {
        RedactSensitiveData small = mailet(Map.of("maxExtractedChars", "1000"));
        FakeMail mail = run(small, MimeMessageBuilder.mimeMessageBuilder().setSubject("Log")
                .setText("line\n".repeat(400) + "Passwort: " + PASSWORD + "\n"));

        AgentView view = AgentView.of(mail.getMessage());
        assertThat(view.everything()).doesNotContain(PASSWORD);
        assertThat(view.message.getHeader(PostdeskAttributes.ATTACHMENT_FATE_HEADER)).containsExactly("quarantined; reason=\"too large to inspect\"");
    }

    @Test
    void zipBombShouldBeQuarantinedByTheExpansionRatio() throws Exception {
        byte[] bomb = Samples.zip(Map.of("zeros.txt", new byte[5 << 20]));
        FakeMail mail = run(mailet(Map.of("maxExpansionRatio", "20")), withAttachment("bomb.zip", "application/zip", bomb));

        assertThat(only(mail, "bomb.zip").fate()).isEqualTo("quarantined; reason=\"archive expands beyond the allowed ratio\"");
    }

    @Test
    void archivesNestedBeyondTheDepthLimitShouldBeQuarantined() throws Exception {
        byte[] nested = Samples.zip(Map.of("a.txt", "hi".getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < 3; i++) {
            nested = Samples.zip(Map.of("level" + i + ".zip", nested));
        }
        FakeMail mail = run(mailet(Map.of("maxDepth", "2")), withAttachment("deep.zip", "application/zip", nested));

        assertThat(only(mail, "deep.zip").fate()).isEqualTo("quarantined; reason=\"nested too deeply to inspect\"");
    }

    @Test
    void brokenMimeShouldNotEscapeService() throws Exception {
        MimeMessage broken = new MimeMessage(jakarta.mail.Session.getDefaultInstance(new java.util.Properties()), new java.io.ByteArrayInputStream((
                "Subject: Passwort: " + PASSWORD + "\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                        + "--b\r\nContent-Type: text/plain; charset=x-unknown-charset\r\n\r\nPasswort: " + PASSWORD + "\r\n"
                        + "--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n"
                        + "Content-Disposition: attachment; filename=\"x.bin\"\r\n\r\n@@@not base64@@@\r\n").getBytes(StandardCharsets.ISO_8859_1)));
        FakeMail mail = FakeMail.builder().name("broken").mimeMessage(broken).build();

        assertThatCode(() -> mailet.service(mail)).doesNotThrowAnyException();
        assertThat(AgentView.of(mail.getMessage()).everything()).doesNotContain(PASSWORD);
    }

    @Test
    void initShouldRejectAnUnreadableBoolean() {
        assertThatThrownBy(() -> mailet(Map.of("label", "maybe"))).isInstanceOf(MessagingException.class).hasMessageContaining("label");
    }

    @Test
    void initShouldRejectAnUnreadableSize() {
        assertThatThrownBy(() -> mailet(Map.of("maxAttachmentSize", "lots"))).isInstanceOf(MessagingException.class).hasMessageContaining("maxAttachmentSize");
    }

    @Test
    void initShouldRejectANonPositiveLimit() {
        assertThatThrownBy(() -> mailet(Map.of("maxDepth", "0"))).isInstanceOf(MessagingException.class).hasMessageContaining("maxDepth");
    }
}
