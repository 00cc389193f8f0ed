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

    /** The ticket that filed this very message (by its Message-ID), once it is filed. */
    private JsonNode ticketOfMessage(String messageId) {
        String numbers = "select t.number from messages m join tickets t on t.id = m.ticket_id where m.message_id = ?";
        eventually("the message " + messageId + " to be filed", () -> !jdbc.queryForList(numbers, Long.class, messageId).isEmpty());
        return ticket(jdbc.queryForList(numbers, Long.class, messageId).get(0));
    }

    /** The stored message with this Message-ID, as the API shows it to agents. */
    private JsonNode messageOf(String messageId) {
        JsonNode ticket = ticketOfMessage(messageId);
        long id = jdbc.queryForObject("select min(id) from messages where message_id = ?", Long.class, messageId);
        return ticket.get("messages").valueStream().filter(m -> m.get("id").asLong() == id).findFirst()
                .orElseThrow(() -> new AssertionError("message " + messageId + " is not on its ticket"));
    }

    private void assertNotQuarantined(String sender) {
        assertThat(api("/quarantine").valueStream().map(q -> q.get("from").asString())).doesNotContain(sender);
    }

    @Test
    void aMultipartWithoutItsClosingBoundaryStillMakesATicket() throws Exception {
        deliver("sender@example.test", SUPPORT, resource("broken-boundary.eml"));
        JsonNode message = messageOf("<adfed92f-f695-48ab-b6f4-77c99f85566c@lane-bakery.example>");
        assertThat(message.get("subject").asString()).isEqualTo("Oven controller OC-7 offline");
        assertThat(message.get("text").asString()).contains("the oven controller OC-7 has been offline since 5 am");
        assertNotQuarantined("rosa.lane@lane-bakery.example");
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
        deliver("a@hostile.example", SUPPORT, resource("no-content-type-8bit.eml"));
        deliver("b@hostile.example", SUPPORT, resource("nesting-60-unknown-charset.eml"));
        deliver("c@hostile.example", SUPPORT, resource("scripts-and-crlf-subject.eml"));

        JsonNode latvian = messageOf("<597c9e89-12f3-495c-904e-0f3c839bf124@ozols-koks.example>");
        assertThat(latvian.get("subject").asString()).isEqualTo("Kases aparats MK-3 nestrada");
        assertThat(latvian.get("text").asString()).contains("Labdien, kases aparāts MK-3 kopš rīta nedrukā čekus.");

        JsonNode finnish = messageOf("<07638117-26e7-40f4-b15d-77d0303024ef@rinne-varasto.example>");
        assertThat(finnish.get("subject").asString()).isEqualTo("Varmuuskopio VK-5521 epäonnistui");
        assertThat(finnish.get("text").asString()).contains("Hei, varmuuskopio VK-5521 epäonnistui yöllä.");

        JsonNode swedish = messageOf("<cb37ca71-6d6b-4790-8cc4-a215a2faca53@strands-kiosk.example>");
        assertThat(swedish.get("subject").asString()).startsWith("Webbkassan WK-404").doesNotContain("\r").doesNotContain("\n");
        assertThat(swedish.get("text").asString()).contains("Hej, webbkassan visar felkod WK-404 vid betalning.");
        assertThat(swedish.get("html").asString()).contains("webbkassan visar felkod WK-404")
                .doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("onerror")
                .doesNotContainIgnoringCase("<iframe").doesNotContainIgnoringCase("javascript:");

        for (String sender : java.util.List.of("martins.ozols@ozols-koks.example", "kalle.rinne@rinne-varasto.example",
                "maja.strand@strands-kiosk.example")) {
            assertNotQuarantined(sender);
        }
    }

    @Test
    void anUndeclaredEightBitUtf8BodyIsReadAsUtf8AndItsPasswordIsMasked() throws Exception {
        // what swaks --body sends: 8-bit UTF-8, no MIME-Version, no Content-Type
        String messageId = "<charset-" + java.util.UUID.randomUUID() + "@swaks.example>";
        byte[] raw = ("From: jan@swaks.example\r\nTo: " + SUPPORT + "\r\nSubject: test\r\nMessage-ID: " + messageId + "\r\n\r\n"
                + "Dzień dobry, moje hasło: Tajne!2024xyz i PESEL 44051401359\r\n").getBytes(StandardCharsets.UTF_8);
        deliver("jan@swaks.example", SUPPORT, raw);

        String text = messageOf(messageId).get("text").asString();
        assertThat(text).startsWith("Dzień dobry, moje hasło: ").contains("***")
                .doesNotContain("Tajne!2024xyz").doesNotContain("44051401359").doesNotContain("Å");
    }
}
