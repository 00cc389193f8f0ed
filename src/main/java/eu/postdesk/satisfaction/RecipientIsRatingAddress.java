package eu.postdesk.satisfaction;

import java.util.Collection;
import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * Matches the recipients that are genuine rating addresses: a customer's answer to a
 * satisfaction request.
 *
 * <pre>{@code
 * <mailet match="RecipientIsRatingAddress" class="ToProcessor">
 *     <processor>rating</processor>
 * </mailet>
 * }</pre>
 */
public class RecipientIsRatingAddress extends GenericMatcher {
    private final RatingAddress ratingAddress;

    public RecipientIsRatingAddress(RatingAddress ratingAddress) {
        this.ratingAddress = ratingAddress;
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        List<MailAddress> matched = mail.getRecipients().stream().filter(r -> ratingAddress.ticketOf(r.asString()).isPresent()).toList();
        return matched.isEmpty() ? null : matched;
    }
}
