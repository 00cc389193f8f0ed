package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** Hostile mail is normal mail: accepted, and a ticket made from whatever can be salvaged. */
class HostileMailTest extends RunningPostdesk {

    private JsonNode ticketFrom(String customer) {
        eventually("a ticket for " + customer, () -> ticketsOf(customer).size() == 1);
        return ticket(ticketsOf(customer).get(0).get("number").asLong());
    }

    @Test
    void aMultipartWithoutItsClosingBoundaryStillMakesATicket() throws Exception {
        deliver("sender@example.test", SUPPORT, resource("broken-boundary.eml"));
        awaitSpoolSettled();
        assertThat(api("/quarantine").size()).isZero();
        JsonNode newest = api("/tickets").get(api("/tickets").size() - 1);
        assertThat(ticket(newest.get("number").asLong()).get("messages").get(0).get("text").asString()).isNotBlank();
    }

    @Test
    void aMessageWithoutContentTypeAndRaw8BitBodyIsReadAsUtf8() throws Exception {
        byte[] raw = ("From: Ilze <ilze@latvija.example>\r\nTo: " + SUPPORT + "\r\nSubject: Rēķins\r\n\r\nLabdien, lūdzu palīdziet ar rēķinu.\r\n")
                .getBytes(StandardCharsets.UTF_8);
        deliver("ilze@latvija.example", SUPPORT, raw);
        JsonNode ticket = ticketFrom("ilze@latvija.example");
        assertThat(ticket.get("subject").asString()).isEqualTo("Rēķins");
        assertThat(ticket.get("messages").get(0).get("text").asString()).contains("lūdzu palīdziet");
    }

    @Test
    void sixtyLevelsOfNestingAndAnUnknownCharsetStillGiveText() throws Exception {
        StringBuilder raw = new StringBuilder("From: deep@nest.example\r\nTo: " + SUPPORT + "\r\nSubject: deep\r\nMIME-Version: 1.0\r\n");
        for (int level = 0; level < 60; level++) {
            raw.append("Content-Type: multipart/mixed; boundary=\"b").append(level).append("\"\r\n\r\n--b").append(level).append("\r\n");
        }
        raw.append("Content-Type: text/plain; charset=x-no-such-charset\r\n\r\nDeep inside, hyvää päivää.\r\n");
        for (int level = 59; level >= 0; level--) {
            raw.append("--b").append(level).append("--\r\n");
        }
        deliver("deep@nest.example", SUPPORT, raw.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(ticketFrom("deep@nest.example").get("messages").get(0).get("text").asString()).contains("Deep inside, hyvää päivää.");
    }

    @Test
    void aHeaderLineOfTensOfKilobytesAndEightBitHeaderBytesAreAccepted() throws Exception {
        String longHeader = "X-Long: " + "a".repeat(60_000);
        byte[] raw = ("From: long@header.example\r\nTo: " + SUPPORT + "\r\n" + longHeader + "\r\nSubject: Gr\u00fc\u00dfe aus K\u00f6ln\r\n\r\nHallo!\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        deliver("long@header.example", SUPPORT, raw);
        assertThat(ticketFrom("long@header.example").get("messages").get(0).get("text").asString()).contains("Hallo!");
    }

    @Test
    void aMessageWithoutFinalLineBreakOrBodyIsAccepted() throws Exception {
        try (SmtpConversation smtp = smtp()) {
            smtp.expect("220");
            smtp.command("EHLO test").expect("250");
            smtp.command("MAIL FROM:<nobody@nobody.example>").expect("250");
            smtp.command("RCPT TO:<" + SUPPORT + ">").expect("250");
            smtp.command("DATA").expect("354");
            smtp.data("From: nobody@nobody.example\r\nSubject: no body".getBytes(StandardCharsets.US_ASCII)).expect("250");
        }
        assertThat(ticketFrom("nobody@nobody.example").get("subject").asString()).isEqualTo("no body");
    }

    @Test
    void anEncodedSubjectCannotInjectHeaders() throws Exception {
        // =?UTF-8?B?...?= decodes to "Hei\r\nBcc: victim@example.test"
        String subject = "=?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString("Hei\r\nBcc: victim@example.test".getBytes(StandardCharsets.UTF_8)) + "?=";
        deliver("crlf@inject.example", SUPPORT, mail("crlf@inject.example", subject, "hello"));
        assertThat(ticketFrom("crlf@inject.example").get("subject").asString()).doesNotContain("\n").doesNotContain("\r");
        eventually("the acknowledgement", () -> relayedTo("crlf@inject.example").size() == 1);
        assertThat(relayedTo("victim@example.test")).isEmpty();
        assertThat(relayedTo("crlf@inject.example").get(0).getHeader("Bcc")).isNull();
    }

    @Test
    void theAcceptanceCorpusHostileMessagesAllMakeTickets() throws Exception {
        int before = api("/tickets").size();
        deliver("a@hostile.example", SUPPORT, resource("no-content-type-8bit.eml"));
        deliver("b@hostile.example", SUPPORT, resource("nesting-60-unknown-charset.eml"));
        deliver("c@hostile.example", SUPPORT, resource("scripts-and-crlf-subject.eml"));
        awaitSpoolSettled();
        assertThat(api("/tickets").size()).isEqualTo(before + 3);
        assertThat(api("/quarantine").size()).isZero();
    }
}
