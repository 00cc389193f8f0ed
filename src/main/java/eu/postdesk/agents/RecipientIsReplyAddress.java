package eu.postdesk.agents;

import java.util.Collection;
import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

import eu.postdesk.tickets.ReplyAddress;

/**
 * Matches the recipients that are genuine ticket reply addresses: mail an agent sends to answer a ticket.
 *
 * <pre>{@code
 * <mailet match="RecipientIsReplyAddress" class="ToProcessor">
 *     <processor>agent-answer</processor>
 * </mailet>
 * }</pre>
 */
public class RecipientIsReplyAddress extends GenericMatcher {
    private final ReplyAddress replyAddress;

    public RecipientIsReplyAddress(ReplyAddress replyAddress) {
        this.replyAddress = replyAddress;
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        List<MailAddress> matched = mail.getRecipients().stream()
                .filter(r -> replyAddress.ticketOf(r.asString()).isPresent()).toList();
        return matched.isEmpty() ? null : matched;
    }
}
