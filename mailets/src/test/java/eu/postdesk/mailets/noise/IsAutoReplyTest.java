package eu.postdesk.mailets.noise;

import org.apache.mailet.Mail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import jakarta.mail.MessagingException;

import java.nio.file.Files;
import java.nio.file.Path;

import static eu.postdesk.mailets.noise.Mails.customerMail;
import static eu.postdesk.mailets.noise.Mails.init;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IsAutoReplyTest {

    private IsAutoReply matcher;

    @BeforeEach
    void setUp() throws Exception {
        matcher = init(new IsAutoReply());
    }

    @ParameterizedTest
    @ValueSource(strings = {"auto-replied", "auto-generated", "auto-notified", "Auto-Replied; owner-email=\"x@y\"",
            "notify-me-not"})
    void matchShouldReturnRecipientsWhenAutoSubmittedIsNotNo(String value) throws Exception {
        Mail mail = customerMail("Re: invoice", "Auto-Submitted", value);

        assertThat(matcher.match(mail)).containsExactlyElementsOf(mail.getRecipients());
    }

    @ParameterizedTest
    @ValueSource(strings = {"no", "No", "no (sent by a person)", "no; x=y"})
    void matchShouldReturnNothingWhenAutoSubmittedIsNo(String value) throws Exception {
        assertThat(matcher.match(customerMail("Re: invoice", "Auto-Submitted", value))).isEmpty();
    }

    @Test
    void matchShouldMatchXAutoreplyAndXAutorespond() throws Exception {
        assertThat(matcher.match(customerMail("Re: invoice", "X-Autoreply", "yes"))).isNotEmpty();
        assertThat(matcher.match(customerMail("Re: invoice", "X-Autorespond", "Vacation"))).isNotEmpty();
    }

    @Test
    void matchShouldMatchPrecedenceAutoReply() throws Exception {
        assertThat(matcher.match(customerMail("Re: invoice", "Precedence", "auto_reply"))).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"All", "OOF, AutoReply", "DR, OOF", "autoreply"})
    void matchShouldMatchAutoResponseSuppressNamingAutoReplies(String value) throws Exception {
        assertThat(matcher.match(customerMail("Re: invoice", "X-Auto-Response-Suppress", value))).isNotEmpty();
    }

    @Test
    void matchShouldNotMatchAutoResponseSuppressOfReceiptsOnly() throws Exception {
        // Meeting requests suppress only receipts; they are written by a person.
        assertThat(matcher.match(customerMail("Meeting", "X-Auto-Response-Suppress", "RN, NRN"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Automatic reply: [#12] Invoice",
            "Out of Office: [#12] Invoice",
            "Abwesend: [#12] Rechnung",
            "Automatyczna odpowiedź: [#12] Faktura",
            "Autosvar: [#12] Faktura",
            "Automaattinen vastaus: [#12] Lasku",
            "Automātiskā atbilde: [#12] Rēķins",
            "Fraværende: [#12] Faktura",
            "Frånvaro: [#12] Faktura",
            "AUTOMATIC REPLY: shouting",
            "Réponse automatique : [#12] Facture"})
    void matchShouldMatchLocalisedAutoReplySubjects(String subject) throws Exception {
        assertThat(matcher.match(customerMail(subject))).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Out of office hours support?",
            "Re: Automatic reply settings do not work",
            "Fwd: Automatic reply: [#12] Invoice",
            "Frånvarohantering i systemet"})
    void matchShouldNotMatchSubjectsThatOnlyMentionAutoReplies(String subject) throws Exception {
        assertThat(matcher.match(customerMail(subject))).isEmpty();
    }

    @Test
    void matchShouldReadExtraPrefixesFromTheFileInTheCondition(@TempDir Path dir) throws Exception {
        Path extra = dir.resolve("prefixes.txt");
        Files.writeString(extra, "# ours\nOn holiday:\n");
        IsAutoReply withExtra = init(new IsAutoReply(), extra.toString());

        assertThat(withExtra.match(customerMail("On holiday: back on Monday"))).isNotEmpty();
        assertThat(matcher.match(customerMail("On holiday: back on Monday"))).isEmpty();
    }

    @Test
    void initShouldThrowWhenTheConditionFileIsMissing(@TempDir Path dir) {
        assertThatThrownBy(() -> init(new IsAutoReply(), dir.resolve("missing.txt").toString()))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("missing.txt");
    }

    @Test
    void matchShouldMatchReadReceipts() throws Exception {
        Mail mail = Mails.rawMail("""
                From: anna.kowalska@example.com
                To: support@helpdesk.test
                Subject: Read: invoice
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=disposition-notification; boundary="b"

                --b
                Content-Type: text/plain

                Your message was read.
                --b--
                """);

        assertThat(matcher.match(mail)).isNotEmpty();
    }

    @Test
    void matchShouldNotThrowOnBrokenHeaders() throws Exception {
        Mail mail = Mails.rawMail("From: =?x-unknown?Q?broken?= <<<\nSubject: =?utf-8?B?////?=\n\nbody\n");

        assertThat(matcher.match(mail)).isEmpty();
    }

    @Test
    void matchShouldMatchTheOutOfOfficeReplyOfCase024() throws Exception {
        assertThat(matcher.match(Mails.fixture("024-out-of-office.eml"))).isNotEmpty();
    }
}
