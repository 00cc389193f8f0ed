package eu.postdesk.pipeline;

import java.util.Collection;
import java.util.List;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/** Matches a message {@link CheckSpam} judged spam. {@code <mailet match="IsSpam" class="DropNoise">} */
public class IsSpam extends GenericMatcher {
    @Override
    public Collection<MailAddress> match(Mail mail) {
        return mail.getAttribute(CheckSpam.SPAM).isPresent() ? mail.getRecipients() : List.of();
    }
}
