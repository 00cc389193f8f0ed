package eu.postdesk.tickets;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * Where we write to a customer: the one rule used by the acknowledgement and by every relayed
 * answer, decided once when the ticket opens and stored on it. A contact-form mailer writes
 * {@code From: noreply@...} and {@code Reply-To: <the visitor>}, so {@code Reply-To} wins; then
 * {@code From}; the envelope sender only when the message names no sender at all (when it does,
 * the envelope is typically a mailing service's bounce address, which nobody reads).
 *
 * <p>An address is used only when a strict parser accepts it and it fits an SMTP path: the lenient
 * parser that reads incoming mail lets through {@code john doe@x} or {@code a..b@x}, which we could
 * never send to. What was unusable is noted, never quoted (the values are personal data).
 */
public record CustomerReplyAddress(Optional<String> address, List<String> notes) {
    /** RFC 5321 4.5.3.1.3: a path is at most 256 octets, angle brackets included. */
    static final int MAX_LENGTH = 254;

    public static CustomerReplyAddress of(MessageContent message, String envelopeSender) {
        List<String> notes = new ArrayList<>();
        if (present(message.replyTo())) {
            if (writable(message.replyTo())) {
                return new CustomerReplyAddress(Optional.of(normal(message.replyTo())), notes);
            }
            notes.add("the Reply-To address is not an address we can write to");
        }
        String sender = present(message.from()) ? message.from() : envelopeSender;
        String which = present(message.from()) ? "From" : "envelope sender";
        if (present(sender)) {
            if (writable(sender)) {
                return new CustomerReplyAddress(Optional.of(normal(sender)), notes);
            }
            notes.add("the " + which + " address is not an address we can write to");
        }
        return new CustomerReplyAddress(Optional.empty(), notes);
    }

    /** Whether we can send mail to this address at all. */
    public static boolean writable(String address) {
        if (!present(address) || address.length() > MAX_LENGTH) {
            return false;
        }
        try {
            InternetAddress parsed = new InternetAddress(address.strip(), true);
            parsed.validate();
            return parsed.getAddress().indexOf('@') > 0;
        } catch (AddressException unusable) {
            return false;
        }
    }

    private static boolean present(String address) {
        return address != null && !address.isBlank();
    }

    private static String normal(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }
}
