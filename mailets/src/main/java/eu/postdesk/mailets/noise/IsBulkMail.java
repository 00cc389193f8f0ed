package eu.postdesk.mailets.noise;

import org.apache.mailet.Mail;

import jakarta.mail.internet.MimeMessage;

/**
 * Matches bulk mail (newsletters, marketing): {@code Precedence: bulk} or {@code Precedence: junk}
 * together with {@code List-Unsubscribe} or {@code List-Id}. Such mail opens no ticket.
 *
 * <p>A mailing-list post by a person ({@code Precedence: list}) is not bulk: see
 * {@link IsMailingListPost}. No condition:
 * <pre>{@code
 * <mailet match="eu.postdesk.mailets.noise.IsBulkMail" class="eu.postdesk.mailets.noise.RecordNoise">
 *     <reason>bulk</reason>
 *     <processor>noise</processor>
 * </mailet>
 * }</pre>
 */
public class IsBulkMail extends NoiseMatcher {

    @Override
    boolean isNoise(Mail mail, MimeMessage message) {
        return isBulk(message);
    }

    static boolean isBulk(MimeMessage message) {
        String precedence = Headers.lower(message, "Precedence");
        boolean bulkPrecedence = precedence.equals("bulk") || precedence.equals("junk");
        return bulkPrecedence
                && (Headers.present(message, "List-Unsubscribe") || Headers.present(message, "List-Id"));
    }
}
