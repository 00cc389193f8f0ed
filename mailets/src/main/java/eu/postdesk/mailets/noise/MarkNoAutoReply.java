package eu.postdesk.mailets.noise;

import eu.postdesk.mailets.PostdeskAttributes;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/**
 * Forbids any automatic answer to a mail by setting {@link PostdeskAttributes#NO_AUTO_REPLY} to
 * {@code true}; the mail still opens or joins a ticket. The companion of {@link IsMailingListPost}
 * (RFC 3834: never auto-answer a list). No init parameters:
 * <pre>{@code
 * <mailet match="eu.postdesk.mailets.noise.IsMailingListPost" class="eu.postdesk.mailets.noise.MarkNoAutoReply"/>
 * }</pre>
 */
public class MarkNoAutoReply extends GenericMailet {

    @Override
    public void service(Mail mail) {
        mail.setAttribute(new Attribute(PostdeskAttributes.NO_AUTO_REPLY, AttributeValue.of(true)));
    }

    @Override
    public String getMailetInfo() {
        return "MarkNoAutoReply: the mail must never be auto-answered";
    }
}
