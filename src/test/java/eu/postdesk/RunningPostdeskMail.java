package eu.postdesk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Mail for tests that run their own server instead of {@link RunningPostdesk}'s. */
final class RunningPostdeskMail {
    private RunningPostdeskMail() {
    }

    static String plain(String from, String subject, String body) {
        return "From: " + from + "\r\nTo: support@helpdesk.test\r\nSubject: " + subject + "\r\nMessage-ID: <"
                + java.util.UUID.randomUUID() + "@customer.example>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                + body + "\r\n";
    }

    static void deliver(int port, String from, String raw) throws IOException {
        try (SmtpConversation smtp = new SmtpConversation("127.0.0.1", port)) {
            smtp.expect("220");
            smtp.command("EHLO test").expect("250");
            smtp.command("MAIL FROM:<" + from + ">").expect("250");
            smtp.command("RCPT TO:<support@helpdesk.test>").expect("250");
            smtp.command("DATA").expect("354");
            smtp.data(raw.getBytes(StandardCharsets.UTF_8)).expect("250");
            smtp.command("QUIT");
        }
    }
}
