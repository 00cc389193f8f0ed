package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Noise makes no ticket and gets no acknowledgement. Each test first waits for the positive
 * outcome of its own message (the dropped row of that very spool entry, or its ticket with the
 * notifications filing queued), and only then asserts what must be absent: an acknowledgement is
 * queued in the outbox in the same transaction as that outcome, so by then it would be there.
 */
class NoiseTest extends RunningPostdesk {

    private long lastSpoolId() {
        Long id = jdbc.queryForObject("select max(id) from spool", Long.class);
        return id == null ? 0 : id;
    }

    /** The spool entry of the message delivered after {@code after} with this envelope sender ("" for the null sender). */
    private long spoolIdOf(String envelopeFrom, long after) {
        String query = "select min(id) from spool where id > ? and coalesce(envelope_from, '') = ?";
        eventually("the spool entry of the message from <" + envelopeFrom + ">",
                () -> jdbc.queryForObject(query, Long.class, after, envelopeFrom) != null);
        return jdbc.queryForObject(query, Long.class, after, envelopeFrom);
    }

    /** Waits until this spool entry is recorded as dropped; returns the recorded reason. */
    private String droppedReason(long spoolId) {
        String query = "select reason from dropped where spool_id = ?";
        eventually("spool entry " + spoolId + " to be recorded as dropped", () -> !jdbc.queryForList(query, String.class, spoolId).isEmpty());
        assertThat(jdbc.queryForObject("select state from spool where id = ?", String.class, spoolId)).isEqualTo("done");
        return jdbc.queryForList(query, String.class, spoolId).get(0);
    }

    private int outboxRowsTo(String address) {
        return jdbc.queryForObject("select count(*) from outbox where lower(recipient) = ?", Integer.class, address.toLowerCase());
    }

    private void assertDroppedWithoutTicket(long after, String sender, String reasonFragment) {
        long spoolId = spoolIdOf(sender, after);
        assertThat(droppedReason(spoolId)).contains(reasonFragment);
        assertThat(jdbc.queryForObject("select count(*) from messages where spool_id = ?", Integer.class, spoolId)).isZero();
        assertThat(ticketsOf(sender)).isEmpty();
        assertThat(outboxRowsTo(sender)).isZero();
        assertThat(api("/dropped").valueStream().filter(d -> sender.equals(d.get("from").asString())).map(d -> d.get("reason").asString()))
                .anyMatch(reason -> reason.contains(reasonFragment));
    }

    @Test
    void anOutOfOfficeReplyMakesNoTicketAndGetsNoAcknowledgement() throws Exception {
        String sender = "away@ooo.example";
        long before = lastSpoolId();
        deliver(sender, SUPPORT, mail(sender, "Out of Office: your request", "I am away until Monday.", "Auto-Submitted: auto-replied"));
        assertDroppedWithoutTicket(before, sender, "auto-reply");
    }

    @Test
    void aBounceMakesNoTicket() throws Exception {
        String raw = "From: MAILER-DAEMON@mx.example\r\nTo: " + SUPPORT + "\r\nSubject: Undeliverable\r\nMIME-Version: 1.0\r\n"
                + "Message-ID: <" + java.util.UUID.randomUUID() + "@mx.example>\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nfailed\r\n"
                + "--b\r\nContent-Type: message/delivery-status\r\n\r\nStatus: 5.1.1\r\n--b--\r\n";
        long before = lastSpoolId();
        try (SmtpConversation smtp = smtp()) {
            smtp.expect("220");
            smtp.command("EHLO test").expect("250");
            smtp.command("MAIL FROM:<>").expect("250");
            smtp.command("RCPT TO:<" + SUPPORT + ">").expect("250");
            smtp.command("DATA").expect("354");
            smtp.data(raw.getBytes()).expect("250");
        }
        long spoolId = spoolIdOf("", before);
        assertThat(droppedReason(spoolId)).contains("bounce");
        assertThat(jdbc.queryForObject("select count(*) from messages where spool_id = ?", Integer.class, spoolId)).isZero();
        assertThat(ticketsOf("mailer-daemon@mx.example")).isEmpty();
        assertThat(outboxRowsTo("mailer-daemon@mx.example")).isZero();
    }

    @Test
    void bulkMailMakesNoTicket() throws Exception {
        String sender = "news@shop.example";
        long before = lastSpoolId();
        deliver(sender, SUPPORT, mail(sender, "Our spring sale", "Buy now!", "Precedence: bulk", "List-Unsubscribe: <https://shop.example/u>"));
        assertDroppedWithoutTicket(before, sender, "bulk");
    }

    @Test
    void ourOwnMailComingBackIsDropped() throws Exception {
        String sender = "forwarder@loop.example";
        long before = lastSpoolId();
        deliver(sender, SUPPORT, mail(sender, "[#1] Your request", "forwarded back", "X-Loop: " + SUPPORT));
        assertDroppedWithoutTicket(before, sender, "loop");
    }

    @Test
    void aPersonsPostThroughAMailingListMakesATicketButIsNeverAcknowledged() throws Exception {
        String sender = "member@list-user.example";
        deliver(sender, SUPPORT, mail(sender, "Question from the list", "Does the API support webhooks?",
                "List-Id: <users.lists.example>", "Precedence: list"));
        eventually("a ticket", () -> ticketsOf(sender).size() == 1);
        long number = ticketsOf(sender).get(0).get("number").asLong();
        // the notifications are queued in the filing transaction, where an acknowledgement would be too
        List<String> kinds = jdbc.queryForList("select o.kind from outbox o join tickets t on t.id = o.ticket_id where t.number = ?",
                String.class, number);
        assertThat(kinds).contains("notification").doesNotContain("ack");
        assertThat(outboxRowsTo(sender)).isZero();
        eventually("the notifications to be relayed", () -> !relayedTo(AGENT1).isEmpty());
        assertThat(relayedTo(sender)).isEmpty();
    }
}
