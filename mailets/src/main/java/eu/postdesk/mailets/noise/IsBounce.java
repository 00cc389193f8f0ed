package eu.postdesk.mailets.noise;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.util.Locale;
import java.util.Set;

/**
 * Matches delivery status notifications (bounces), which must never open a ticket or be answered.
 *
 * <p>A mail is a bounce when any of these holds:
 * <ul>
 *   <li>its envelope sender is null ({@code MAIL FROM:<>}), as RFC 5321 requires of every bounce;</li>
 *   <li>it is {@code multipart/report; report-type=delivery-status} (RFC 3464);</li>
 *   <li>Exchange marks it with {@code X-MS-Exchange-Message-Is-Ndr};</li>
 *   <li>the envelope sender's or the {@code From} local part is {@code MAILER-DAEMON} or {@code postmaster}.</li>
 * </ul>
 * The Subject ("Undeliverable:", "Unzustellbar:") is deliberately not used: a customer forwarding a
 * bounce to ask why their mail did not arrive writes such a subject and needs a ticket.
 *
 * <p>No condition:
 * <pre>{@code
 * <mailet match="eu.postdesk.mailets.noise.IsBounce" class="eu.postdesk.mailets.noise.RecordNoise">
 *     <reason>bounce</reason>
 *     <processor>noise</processor>
 * </mailet>
 * }</pre>
 * The server must hand the envelope sender to the mail: a mail built without one counts as a bounce.
 */
public class IsBounce extends NoiseMatcher {

    private static final Set<String> DAEMON_LOCAL_PARTS = Set.of("mailer-daemon", "postmaster");

    @Override
    boolean isNoise(Mail mail, MimeMessage message) throws MessagingException {
        if (mail.getMaybeSender().isNullSender()) {
            return true;
        }
        String contentType = Headers.contentType(message);
        if (contentType.startsWith("multipart/report") && contentType.contains("delivery-status")) {
            return true;
        }
        if (Headers.present(message, "X-MS-Exchange-Message-Is-Ndr")) {
            return true;
        }
        MailAddress sender = mail.getMaybeSender().asOptional().orElse(null);
        if (sender != null && isDaemon(sender.getLocalPart())) {
            return true;
        }
        return fromIsDaemon(message);
    }

    private static boolean fromIsDaemon(MimeMessage message) {
        try {
            Address[] from = message.getFrom();
            if (from == null) {
                return false;
            }
            for (Address address : from) {
                if (address instanceof InternetAddress internet && internet.getAddress() != null) {
                    String addr = internet.getAddress();
                    int at = addr.lastIndexOf('@');
                    if (isDaemon(at < 0 ? addr : addr.substring(0, at))) {
                        return true;
                    }
                }
            }
        } catch (MessagingException | RuntimeException e) {
            // An unparsable From proves nothing.
        }
        return false;
    }

    private static boolean isDaemon(String localPart) {
        return DAEMON_LOCAL_PARTS.contains(localPart.toLowerCase(Locale.ROOT));
    }
}
