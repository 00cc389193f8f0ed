package eu.postdesk.privacy;

import java.util.Collection;
import java.util.List;

import org.apache.mailet.Mail;
import org.apache.james.core.MailAddress;
import org.apache.mailet.base.GenericMatcher;

/**
 * Matches the recipients that have the shape of an erasure confirmation address
 * ({@code support+erase-TOKEN@reply-domain}); whether the token is genuine is {@link ConfirmErasure}'s to decide.
 *
 * <pre>{@code
 * <mailet match="RecipientIsErasureConfirmation" class="ConfirmErasure"/>
 * }</pre>
 */
public class RecipientIsErasureConfirmation extends GenericMatcher {
    private final ConfirmationAddress addresses;

    public RecipientIsErasureConfirmation(ConfirmationAddress addresses) {
        this.addresses = addresses;
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        List<MailAddress> matched = mail.getRecipients().stream().filter(r -> addresses.tokenOf(r.asString()).isPresent()).toList();
        return matched.isEmpty() ? null : matched;
    }
}
