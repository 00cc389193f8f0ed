package eu.postdesk.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.junit.jupiter.api.Test;

/** The refusals Angus reports, built as Angus builds them, read without quoting the address. */
class RelayRefusalCodesTest {
    private static final String ADDRESS = "leo@gone.example";

    @Test
    void aTemporaryRefusalAtMailIsRetried() {
        SMTPSendFailedException refused = new SMTPSendFailedException("MAIL FROM:<" + ADDRESS + ">", 451,
                "451 4.7.1 <" + ADDRESS + ">: try again later", null, null, null, null);
        RelayRefusal refusal = RelayRefusal.of(refused);
        assertThat(refusal.permanent()).isFalse();
        assertThat(refusal.description()).isEqualTo("relay answered 451 4.7.1 to MAIL");
    }

    @Test
    void aFinalRefusalAtMailChainingTheSenderIsFinal() throws AddressException {
        SMTPSendFailedException refused = new SMTPSendFailedException("MAIL FROM:<" + ADDRESS + ">", 553,
                "553 5.7.1 <" + ADDRESS + ">: sender rejected", null, null, null, null);
        refused.setNextException(new SMTPSenderFailedException(new InternetAddress(ADDRESS), "MAIL FROM:<" + ADDRESS + ">", 553,
                "553 5.7.1 <" + ADDRESS + ">: sender rejected"));
        RelayRefusal refusal = RelayRefusal.of(refused);
        assertThat(refusal.permanent()).isTrue();
        assertThat(refusal.description()).contains("553").doesNotContain(ADDRESS);
    }

    @Test
    void aRefusalAtRcptIsReadFromTheChainedAddressFailure() throws AddressException {
        SendFailedException refused = new SendFailedException("Invalid Addresses", new SMTPAddressFailedException(
                new InternetAddress(ADDRESS), "RCPT TO:<" + ADDRESS + ">", 550, "550 5.1.1 <" + ADDRESS + ">: no such user"));
        RelayRefusal refusal = RelayRefusal.of(refused);
        assertThat(refusal.permanent()).isTrue();
        assertThat(refusal.description()).isEqualTo("relay answered 550 5.1.1 to RCPT");
    }

    @Test
    void tooManyRecipientsAtRcptIsTemporaryAsRfc5321Says() throws AddressException {
        SendFailedException refused = new SendFailedException("Invalid Addresses", new SMTPAddressFailedException(
                new InternetAddress(ADDRESS), "RCPT TO:<" + ADDRESS + ">", 552, "552 5.5.3 too many recipients"));
        assertThat(RelayRefusal.of(refused).permanent()).isFalse();
    }

    @Test
    void aFinalRefusalAtTheEndOfDataIsFinal() {
        SMTPSendFailedException refused = new SMTPSendFailedException(".", 554, "554 5.7.1 message refused", null, null, null, null);
        RelayRefusal refusal = RelayRefusal.of(refused);
        assertThat(refusal.permanent()).isTrue();
        assertThat(refusal.description()).isEqualTo("relay answered 554 5.7.1 to the end of DATA");
    }

    @Test
    void noAnswerAtAllIsTemporary() {
        assertThat(RelayRefusal.of(new MessagingException("Could not connect to SMTP host: 127.0.0.1, port: 1")).permanent()).isFalse();
    }

    @Test
    void anAddressNoRelayWillTakeIsFinalAndNotQuoted() {
        AddressException bad = new AddressException("Local address contains control or whitespace", "john doe@x");
        RelayRefusal refusal = RelayRefusal.of(bad);
        assertThat(refusal.permanent()).isTrue();
        assertThat(refusal.description()).doesNotContain("john");
    }
}
