package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NoiseTest extends RunningPostdesk {

    private void assertDroppedWithoutTicket(String sender, String reasonFragment) {
        awaitSpoolSettled();
        assertThat(ticketsOf(sender)).isEmpty();
        assertThat(relayedTo(sender)).isEmpty();
        assertThat(api("/dropped").valueStream().filter(d -> sender.equals(d.get("from").asString())).map(d -> d.get("reason").asString()))
                .anyMatch(reason -> reason.contains(reasonFragment));
    }

    @Test
    void anOutOfOfficeReplyMakesNoTicketAndGetsNoAcknowledgement() throws Exception {
        String sender = "away@ooo.example";
        deliver(sender, SUPPORT, mail(sender, "Out of Office: your request", "I am away until Monday.", "Auto-Submitted: auto-replied"));
        assertDroppedWithoutTicket(sender, "auto-reply");
    }

    @Test
    void aBounceMakesNoTicket() throws Exception {
        String raw = "From: MAILER-DAEMON@mx.example\r\nTo: " + SUPPORT + "\r\nSubject: Undeliverable\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nfailed\r\n"
                + "--b\r\nContent-Type: message/delivery-status\r\n\r\nStatus: 5.1.1\r\n--b--\r\n";
        try (SmtpConversation smtp = smtp()) {
            smtp.expect("220");
            smtp.command("EHLO test").expect("250");
            smtp.command("MAIL FROM:<>").expect("250");
            smtp.command("RCPT TO:<" + SUPPORT + ">").expect("250");
            smtp.command("DATA").expect("354");
            smtp.data(raw.getBytes()).expect("250");
        }
        awaitSpoolSettled();
        assertThat(ticketsOf("mailer-daemon@mx.example")).isEmpty();
        assertThat(api("/dropped").valueStream().map(d -> d.get("reason").asString())).anyMatch(r -> r.contains("bounce"));
    }

    @Test
    void bulkMailMakesNoTicket() throws Exception {
        String sender = "news@shop.example";
        deliver(sender, SUPPORT, mail(sender, "Our spring sale", "Buy now!", "Precedence: bulk", "List-Unsubscribe: <https://shop.example/u>"));
        assertDroppedWithoutTicket(sender, "bulk");
    }

    @Test
    void ourOwnMailComingBackIsDropped() throws Exception {
        String sender = "forwarder@loop.example";
        deliver(sender, SUPPORT, mail(sender, "[#1] Your request", "forwarded back", "X-Loop: " + SUPPORT));
        assertDroppedWithoutTicket(sender, "loop");
    }

    @Test
    void aPersonsPostThroughAMailingListMakesATicketButIsNeverAcknowledged() throws Exception {
        String sender = "member@list-user.example";
        deliver(sender, SUPPORT, mail(sender, "Question from the list", "Does the API support webhooks?",
                "List-Id: <users.lists.example>", "Precedence: list"));
        eventually("a ticket", () -> ticketsOf(sender).size() == 1);
        awaitSpoolSettled();
        eventually("the notifications", () -> !relayedTo(AGENT1).isEmpty());
        assertThat(relayedTo(sender)).isEmpty();
    }
}
