package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Mail that is odd but readable becomes a ticket: what does not fit is cut or normalised, the
 * original stays sealed, and what was wrong is recorded on the ticket without quoting it.
 */
class SalvageableMailTest extends RunningPostdesk {

    @Test
    void aFromAddressNobodyCanWriteToStillMakesATicketFiledWithoutAnAcknowledgement() throws Exception {
        String from = "john doe@salvage.example";
        deliver("john.doe@salvage.example", SUPPORT, mail("John <" + from + ">", "Broken address", "My mail client is odd."));

        JsonNode ticket = onlyTicketOf(from);
        assertThat(acknowledgementsOf(ticket)).isZero();
        assertThat(eventsOf(ticket)).anyMatch(e -> e.get("kind").asString().equals("not-acknowledged"));
        assertThat(eventsOf(ticket)).allMatch(e -> !e.get("detail").asString().contains("john"));
        assertOriginalSealed(ticket);
    }

    @Test
    void anAgentsAnswerToACustomerNobodyCanWriteToIsNotRelayedAndThatIsRecorded() throws Exception {
        String from = "jane doe@salvage.example";
        deliver("jane.doe@salvage.example", SUPPORT, mail("<" + from + ">", "Broken address, answered", "Please help."));
        JsonNode ticket = onlyTicketOf(from);
        String tag = "[#" + ticket.get("number").asLong() + "]";
        eventually("the notification", () -> relayedTo(AGENT1).stream().anyMatch(m -> subject(m).contains(tag)));
        var notification = relayedTo(AGENT1).stream().filter(m -> subject(m).contains(tag)).findFirst().orElseThrow();
        String replyAddress = ((jakarta.mail.internet.InternetAddress) notification.getReplyTo()[0]).getAddress();

        deliver(AGENT1, replyAddress, "From: " + AGENT1 + "\r\nTo: " + replyAddress + "\r\nSubject: Re: " + tag
                + "\r\nMessage-ID: <" + java.util.UUID.randomUUID() + "@corp.test>\r\n\r\nWe will call you.\r\n");

        eventually("the answer recorded as not sent", () -> eventsOf(ticket).stream()
                .anyMatch(e -> e.get("kind").asString().equals("answer-not-sent")));
        assertThat(jdbc.queryForObject("select count(*) from outbox where kind = 'relay' and ticket_id = (select id from tickets where number = ?)",
                Integer.class, ticket.get("number").asLong())).isZero();
    }

    private static String subject(jakarta.mail.internet.MimeMessage message) {
        try {
            return String.valueOf(message.getSubject());
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }

    @Test
    void dotDotInTheReplyToFallsBackToTheFromAddress() throws Exception {
        String from = "kari@salvage.example";
        deliver(from, SUPPORT, mail(from, "Dot dot", "Please answer me.", "Reply-To: a..b@salvage.example"));

        JsonNode ticket = onlyTicketOf(from);
        assertThat(acknowledgementsTo(from)).isEqualTo(1);
        assertThat(eventsOf(ticket)).anyMatch(e -> e.get("kind").asString().equals("salvaged")
                && e.get("detail").asString().contains("Reply-To") && !e.get("detail").asString().contains("a..b"));
        assertOriginalSealed(ticket);
    }

    @Test
    void anEmptyFromAddressFallsBackToTheEnvelopeSender() throws Exception {
        String envelope = "nobody-named@salvage.example";
        deliver(envelope, SUPPORT, mail("<>", "Empty from", "Who am I?"));

        JsonNode ticket = onlyTicketOf(envelope);
        assertThat(acknowledgementsTo(envelope)).isEqualTo(1);
        assertOriginalSealed(ticket);
    }

    @Test
    void severalMessageIdsLongerThanTheirColumnKeepTheFirst() throws Exception {
        String from = "ids@salvage.example";
        StringBuilder ids = new StringBuilder("<first-id@salvage.example>");
        for (int i = 0; i < 40; i++) {
            ids.append("\r\n <another-id-number-").append(i).append("-padded-to-be-long@salvage.example>");
        }
        String raw = mail(from, "Many ids", "One message, many Message-IDs.").replaceFirst("Message-ID: <[^>]+>", "Message-ID: " + ids);
        deliver(from, SUPPORT, raw);

        JsonNode ticket = onlyTicketOf(from);
        assertThat(jdbc.queryForObject("select message_id from messages where ticket_id = (select id from tickets where number = ?)",
                String.class, ticket.get("number").asLong())).isEqualTo("<first-id@salvage.example>");
        assertThat(eventsOf(ticket)).anyMatch(e -> e.get("kind").asString().equals("salvaged") && e.get("detail").asString().contains("Message-ID"));
        assertThat(acknowledgementsTo(from)).isEqualTo(1);
        eventually("the acknowledgement", () -> relayedTo(from).size() == 1);
        assertThat(relayedTo(from).get(0).getHeader("In-Reply-To", null)).isEqualTo("<first-id@salvage.example>");
        assertOriginalSealed(ticket);
    }

    @Test
    void aFromAddressLongerThanItsColumnIsCutAndNotWrittenTo() throws Exception {
        String from = "x".repeat(600) + "@salvage.example";
        deliver("long@salvage.example", SUPPORT, mail(from, "Long address", "A very long address."));

        eventually("a ticket for the long address", () -> api("/tickets").valueStream()
                .anyMatch(t -> t.get("customer").asString().startsWith("xxxxxxxxxx")));
        JsonNode ticket = api("/tickets").valueStream().filter(t -> t.get("customer").asString().startsWith("xxxxxxxxxx")).findFirst().orElseThrow();
        assertThat(ticket.get("customer").asString().length()).isLessThanOrEqualTo(512);
        assertThat(acknowledgementsOf(ticket)).isZero();
        assertThat(eventsOf(ticket)).anyMatch(e -> e.get("kind").asString().equals("not-acknowledged"));
        assertThat(eventsOf(ticket)).anyMatch(e -> e.get("kind").asString().equals("salvaged") && !e.get("detail").asString().contains("xxxxxxxxxx"));
        assertOriginalSealed(ticket);
    }

    @Test
    void anAttachmentTypeLongerThanItsColumnIsStoredAsOctetStream() throws Exception {
        String from = "types@salvage.example";
        String longType = "application/x-" + "very-long-subtype-".repeat(18);
        String raw = "From: " + from + "\r\nTo: " + SUPPORT + "\r\nSubject: Long type\r\nMessage-ID: <" + java.util.UUID.randomUUID()
                + "@salvage.example>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b1\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nSee the attachment.\r\n"
                + "--b1\r\nContent-Type: " + longType + "; name=notes.bin\r\nContent-Disposition: attachment; filename=notes.bin\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\nAAECAwQFBgcICQ==\r\n--b1--\r\n";
        deliver(from, SUPPORT, raw);

        JsonNode ticket = onlyTicketOf(from);
        JsonNode attachments = ticket(ticket.get("number").asLong()).get("messages").get(0).get("attachments");
        assertThat(attachments.valueStream().map(a -> a.get("contentType").asString())).containsExactly("application/octet-stream");
        assertThat(eventsOf(ticket)).anyMatch(e -> e.get("kind").asString().equals("salvaged") && e.get("detail").asString().contains("content type"));
        assertOriginalSealed(ticket);
    }

    /** Waits for the positive event: the ticket exists, so its filing (and whatever it queued) has committed. */
    private JsonNode onlyTicketOf(String customer) {
        eventually("a ticket for " + customer, () -> ticketsOf(customer).size() == 1);
        return ticketsOf(customer).get(0);
    }

    private List<JsonNode> eventsOf(JsonNode ticket) {
        return ticket(ticket.get("number").asLong()).get("events").valueStream().toList();
    }

    private int acknowledgementsOf(JsonNode ticket) {
        return jdbc.queryForObject("select count(*) from outbox where kind = 'ack' and ticket_id = (select id from tickets where number = ?)",
                Integer.class, ticket.get("number").asLong());
    }

    private int acknowledgementsTo(String address) {
        return jdbc.queryForObject("select count(*) from outbox where kind = 'ack' and recipient = ?", Integer.class, address);
    }

    private void assertOriginalSealed(JsonNode ticket) {
        assertThat(jdbc.queryForObject("select count(*) from sealed_originals s join messages m on m.id = s.message_id "
                + "join tickets t on t.id = m.ticket_id where t.number = ?", Integer.class, ticket.get("number").asLong())).isEqualTo(1);
    }
}
