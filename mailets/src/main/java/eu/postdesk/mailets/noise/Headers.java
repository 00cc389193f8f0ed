package eu.postdesk.mailets.noise;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import java.util.Locale;
import java.util.Optional;

/** Header reads that never throw on hostile input: a header that cannot be read is absent. */
final class Headers {

    private Headers() {
    }

    /** The first value of a header, unfolded and trimmed, or empty when absent or unreadable. */
    static Optional<String> first(MimeMessage message, String name) {
        try {
            String[] values = message.getHeader(name);
            if (values == null || values.length == 0 || values[0] == null) {
                return Optional.empty();
            }
            return Optional.of(MimeUtility.unfold(values[0]).strip());
        } catch (MessagingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static boolean present(MimeMessage message, String name) {
        return first(message, name).isPresent();
    }

    /** The first value lower-cased, or "" when absent: for keyword comparisons. */
    static String lower(MimeMessage message, String name) {
        return first(message, name).map(v -> v.toLowerCase(Locale.ROOT)).orElse("");
    }

    /** The decoded Subject, or "" when absent or broken. */
    static String subject(MimeMessage message) {
        String subject = eu.postdesk.mailets.mime.EncodedWords.header(message, "Subject");
        return subject == null ? "" : subject.strip();
    }

    /** The Content-Type header lower-cased, or "" when absent. */
    static String contentType(MimeMessage message) {
        return lower(message, "Content-Type");
    }
}
