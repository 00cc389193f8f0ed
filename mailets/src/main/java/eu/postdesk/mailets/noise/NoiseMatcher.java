package eu.postdesk.mailets.noise;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.util.Collection;
import java.util.List;

/**
 * A yes-or-no noise test on a whole mail: all recipients when the mail is noise, none otherwise.
 * A mail that cannot be read is not noise, so hostile input still reaches a ticket.
 */
abstract class NoiseMatcher extends GenericMatcher {

    private static final Logger LOGGER = LoggerFactory.getLogger(NoiseMatcher.class);

    @Override
    public final Collection<MailAddress> match(Mail mail) {
        try {
            MimeMessage message = mail.getMessage();
            if (message != null && isNoise(mail, message)) {
                return mail.getRecipients();
            }
        } catch (MessagingException | RuntimeException e) {
            // Never the content: only which mail and which matcher gave up.
            LOGGER.warn("{} could not read mail {}: {}", getClass().getSimpleName(), mail.getName(),
                    e.getClass().getSimpleName());
        }
        return List.of();
    }

    /** Whether the mail is this kind of noise; {@code message} is the mail's message, never null. */
    abstract boolean isNoise(Mail mail, MimeMessage message) throws MessagingException;
}
