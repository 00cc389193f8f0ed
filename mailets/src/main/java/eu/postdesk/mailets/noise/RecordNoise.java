package eu.postdesk.mailets.noise;

import eu.postdesk.mailets.PostdeskAttributes;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetException;
import org.apache.mailet.base.GenericMailet;

import java.util.regex.Pattern;

/**
 * Records why a mail is noise in the attribute {@link PostdeskAttributes#NOISE_REASON} and, when a
 * processor is named, sends the mail there (the server's {@code noise} processor records the
 * reason and drops the mail; no ticket, no acknowledgement). Put it behind a noise matcher:
 * <pre>{@code
 * <mailet match="eu.postdesk.mailets.noise.IsBounce" class="eu.postdesk.mailets.noise.RecordNoise">
 *     <reason>bounce</reason>          <!-- required: a short word such as auto-reply, bounce, bulk, loop -->
 *     <processor>noise</processor>     <!-- optional: where the mail goes next; without it the mail stays in this processor -->
 * </mailet>
 * }</pre>
 * A reason already recorded by an earlier matcher is kept: the first reason found is the one reported.
 */
public class RecordNoise extends GenericMailet {

    private static final Pattern REASON = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private String reason;
    private String processor;

    @Override
    public void init() throws MailetException {
        String configured = getInitParameter("reason");
        if (configured == null || !REASON.matcher(configured.strip()).matches()) {
            throw new MailetException("RecordNoise needs <reason>: a short lower-case word such as "
                    + "auto-reply, bounce, bulk or loop (letters, digits, '.', '_', '-'), got '" + configured + "'");
        }
        reason = configured.strip();
        String target = getInitParameter("processor");
        processor = target == null || target.isBlank() ? null : target.strip();
    }

    @Override
    public void service(Mail mail) {
        if (mail.getAttribute(PostdeskAttributes.NOISE_REASON).isEmpty()) {
            mail.setAttribute(new Attribute(PostdeskAttributes.NOISE_REASON, AttributeValue.of(reason)));
        }
        if (processor != null) {
            mail.setState(processor);
        }
    }

    @Override
    public String getMailetInfo() {
        return "RecordNoise: records why a mail is noise and routes it";
    }
}
