package eu.postdesk.mailets.noise;

import org.apache.mailet.Mail;

import jakarta.mail.internet.MimeMessage;

/**
 * Matches a post that came through a mailing list and is not bulk mail: {@code Precedence: list}
 * or a {@code List-Id} header, without the bulk signals of {@link IsBulkMail}. Such a post by a
 * person opens a ticket but must never be auto-answered (RFC 3834 section 2), so the companion of
 * this matcher is {@link MarkNoAutoReply}, not {@link RecordNoise}. No condition:
 * <pre>{@code
 * <mailet match="eu.postdesk.mailets.noise.IsMailingListPost" class="eu.postdesk.mailets.noise.MarkNoAutoReply"/>
 * }</pre>
 */
public class IsMailingListPost extends NoiseMatcher {

    @Override
    boolean isNoise(Mail mail, MimeMessage message) {
        if (IsBulkMail.isBulk(message)) {
            return false;
        }
        return Headers.lower(message, "Precedence").equals("list") || Headers.present(message, "List-Id");
    }
}
