package eu.postdesk.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.postdesk.RunningPostdesk;
import eu.postdesk.SmtpConversation;

/**
 * LMTP beside SMTP (RFC 2033): after DATA one reply per accepted recipient; a refused recipient
 * gets its 550 at RCPT; the message is spooled once and filed; too big is 552 for each recipient,
 * and the session goes on.
 */
class LmtpIngressTest extends RunningPostdesk {
    @Autowired
    LmtpIngress lmtp;

    @Autowired
    eu.postdesk.tickets.ReplyAddress replyAddress;

    /** A second address the server accepts: the reply address of a ticket this customer opened. */
    private String replyAddressOfATicketBy(String customer) throws Exception {
        deliver(customer, SUPPORT, mail(customer, "first", "the first message"));
        eventually("the first ticket", () -> ticketsOf(customer).size() == 1);
        return replyAddress.of(ticketsOf(customer).get(0).get("number").asLong());
    }

    @DynamicPropertySource
    static void lmtp(DynamicPropertyRegistry registry) {
        registry.add("postdesk.lmtp.port", () -> 0);
        registry.add("postdesk.smtp.max-message-size", () -> "64KB");
    }

    @Test
    void eachAcceptedRecipientGetsItsOwnReplyAfterData() throws Exception {
        String second = replyAddressOfATicketBy("customer@customer.example");
        try (SmtpConversation session = new SmtpConversation("127.0.0.1", lmtp.port())) {
            session.expect("220");
            assertThat(session.command("LHLO postfix.example").expect("250")).contains("PIPELINING");
            session.command("MAIL FROM:<customer@customer.example>").expect("250");
            session.command("RCPT TO:<" + SUPPORT + ">").expect("250");
            session.command("RCPT TO:<nobody@helpdesk.test>").expect("550");
            session.command("RCPT TO:<" + second + ">").expect("250");
            session.command("DATA").expect("354");
            session.data(mail("customer@customer.example", "over lmtp", "Hello").getBytes(StandardCharsets.UTF_8));

            assertThat(session.expect("250")).contains(SUPPORT);
            assertThat(session.expect("250")).contains(second);
            session.command("NOOP").expect("250 2.0.0 Ok");

            session.command("MAIL FROM:<dots@customer.example>").expect("250");
            session.command("RCPT TO:<" + SUPPORT + ">").expect("250");
            session.command("DATA").expect("354");
            session.data(mail("dots@customer.example", "dots over lmtp", "Hello\r\n.a line that starts with a dot")
                    .getBytes(StandardCharsets.UTF_8));
            session.expect("250");
        }

        awaitSpoolSettled();
        assertThat(jdbc.queryForObject("select count(*) from spool where recipients like ?", Long.class, "%" + second + "%"))
                .as("spooled once for both recipients").isEqualTo(1);
        eventually("the ticket", () -> ticketsOf("dots@customer.example").size() == 1);
        String body = jdbc.queryForObject("select text_body from messages where subject = 'dots over lmtp'", String.class);
        assertThat(body).contains("\n.a line that starts with a dot").doesNotContain("..a line");
    }

    @Test
    void aMessageTooBigIsRefusedForEachRecipientAndTheSessionGoesOn() throws Exception {
        String second = replyAddressOfATicketBy("big@customer.example");
        long spooled = jdbc.queryForObject("select count(*) from spool", Long.class);
        try (SmtpConversation session = new SmtpConversation("127.0.0.1", lmtp.port())) {
            session.expect("220");
            session.command("LHLO postfix.example").expect("250");
            session.command("MAIL FROM:<big@customer.example>").expect("250");
            session.command("RCPT TO:<" + SUPPORT + ">").expect("250");
            session.command("RCPT TO:<" + second + ">").expect("250");
            session.command("DATA").expect("354");
            session.data(mail("big@customer.example", "too big", "x".repeat(100) + "\r\n" + ("y".repeat(998) + "\r\n").repeat(100))
                    .getBytes(StandardCharsets.UTF_8));

            assertThat(session.expect("552")).contains(SUPPORT);
            assertThat(session.expect("552")).contains(second);
            session.command("NOOP").expect("250");
            session.command("QUIT").expect("221");
        }
        assertThat(jdbc.queryForObject("select count(*) from spool", Long.class)).isEqualTo(spooled);
    }

    @Test
    void smtpGreetingsAreRefused() throws Exception {
        try (SmtpConversation session = new SmtpConversation("127.0.0.1", lmtp.port())) {
            session.expect("220");
            session.command("EHLO client.example").expect("500");
            session.command("MAIL FROM:<a@customer.example>").expect("503");
        }
    }

    @Test
    void lmtpOffersStartTlsAndRecordsTheTlsSessionInItsReceivedLine() throws Exception {
        String customer = "tls@customer.example";
        try (java.net.Socket plain = new java.net.Socket("127.0.0.1", lmtp.port())) {
            var reader = new java.io.BufferedReader(new java.io.InputStreamReader(plain.getInputStream(), StandardCharsets.US_ASCII));
            var writer = plain.getOutputStream();
            assertThat(reader.readLine()).startsWith("220");
            writer.write("LHLO postfix.example\r\n".getBytes(StandardCharsets.US_ASCII));
            StringBuilder offered = new StringBuilder();
            for (String line = reader.readLine(); ; line = reader.readLine()) {
                offered.append(line).append('\n');
                if (line.startsWith("250 ")) {
                    break;
                }
            }
            assertThat(offered).contains("STARTTLS");
            writer.write("STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(reader.readLine()).startsWith("220");

            // the test trusts the server's self-signed certificate as it is; what matters here is the session
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
                public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String type) {
                }

                public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String type) {
                }

                public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                    return new java.security.cert.X509Certificate[0];
                }
            }}, null);
            try (javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket(plain, "127.0.0.1", lmtp.port(), true)) {
                tls.startHandshake();
                var in = new java.io.BufferedReader(new java.io.InputStreamReader(tls.getInputStream(), StandardCharsets.US_ASCII));
                var out = tls.getOutputStream();
                java.util.function.Function<String, String> say = command -> {
                    try {
                        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        String line = in.readLine();
                        while (line.length() > 3 && line.charAt(3) == '-') {
                            line = in.readLine();
                        }
                        return line;
                    } catch (java.io.IOException e) {
                        throw new AssertionError(e);
                    }
                };
                assertThat(say.apply("MAIL FROM:<" + customer + ">")).as("the session starts over inside TLS").startsWith("503");
                assertThat(say.apply("LHLO postfix.example")).startsWith("250");
                assertThat(say.apply("MAIL FROM:<" + customer + ">")).startsWith("250");
                assertThat(say.apply("RCPT TO:<" + SUPPORT + ">")).startsWith("250");
                assertThat(say.apply("DATA")).startsWith("354");
                out.write((mail(customer, "over lmtp and tls", "Hello over TLS") + "\r\n.\r\n").getBytes(StandardCharsets.UTF_8));
                assertThat(in.readLine()).startsWith("250");
                assertThat(say.apply("QUIT")).startsWith("221");
            }
        }
        eventually("the ticket", () -> ticketsOf(customer).size() == 1);
        long message = ticket(ticketsOf(customer).get(0).get("number").asLong()).get("messages").get(0).get("id").asLong();
        var original = call("/messages/" + message + "/original?reason=checking%20the%20LMTP%20TLS%20trace", PRIVACY_OFFICER_TOKEN);
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.body()).containsPattern("with LMTPS id L\\d+\\r?\\n\\t\\(using TLSv1\\.[23] with cipher ");
    }
}
