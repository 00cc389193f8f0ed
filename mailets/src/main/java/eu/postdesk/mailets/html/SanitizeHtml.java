package eu.postdesk.mailets.html;

import eu.postdesk.mailets.PostdeskAttributes;
import eu.postdesk.mailets.mime.TextParts;
import jakarta.mail.MessagingException;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetException;
import org.apache.mailet.base.GenericMailet;

/**
 * Rewrites every HTML body with {@link AgentSafeHtml}, so that what agents see can neither run nor
 * submit anything, and records in {@link PostdeskAttributes#HTML_REMOTE_CONTENT} whether the result
 * still refers to remote images (clients must not load them unasked). HTML attachments are
 * sanitised the same way and SVG attachments made inert with {@link AgentSafeSvg}: an agent opens
 * them in a browser, where they would run as a page would.
 * Put it after {@code StripTracking}, which needs the style and structure this mailet removes.
 *
 * <pre>{@code
 * <mailet match="All" class="eu.postdesk.mailets.html.SanitizeHtml">
 *     <!-- optional: larger HTML bodies send the mail to the error processor; default 33554432 (32 MiB) -->
 *     <maxPartBytes>33554432</maxPartBytes>
 * </mailet>
 * }</pre>
 */
public class SanitizeHtml extends GenericMailet {
    private final AgentSafeHtml safeHtml = new AgentSafeHtml();
    private final AgentSafeSvg safeSvg = new AgentSafeSvg();
    private TextParts textParts;

    @Override
    public void init() throws MessagingException {
        String value = getInitParameter("maxPartBytes");
        long max = 32L * 1024 * 1024;
        if (value != null && !value.isBlank()) {
            try {
                max = Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                throw new MailetException("maxPartBytes must be a number of bytes, got '" + value + "'");
            }
            if (max < 1024) {
                throw new MailetException("maxPartBytes must be at least 1024, got " + max);
            }
        }
        textParts = new TextParts(max);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        boolean[] remote = {false};
        try {
            textParts.rewrite(mail.getMessage(), true, (html, isHtml, charset) -> {
                String safe = safeHtml.sanitise(html, charset);
                remote[0] |= safeHtml.refersToRemoteContent(safe);
                return safe;
            });
            textParts.rewriteMarkupAttachments(mail.getMessage(), (markup, kind, charset) -> switch (kind) {
                // a file opened from disk has no Content-Type to name its charset: the document says it
                case HTML -> "<!DOCTYPE html><meta charset=\"" + charset.name() + "\">" + safeHtml.sanitise(markup, charset);
                case SVG -> safeSvg.sanitise(markup);
            });
        } catch (RuntimeException | StackOverflowError e) {
            // The container sends the mail to the error processor with this reason; the original is kept.
            throw new MessagingException("HTML sanitising failed on this message: " + e.getClass().getSimpleName(),
                    e instanceof Exception x ? x : null);
        }
        mail.setAttribute(new Attribute(PostdeskAttributes.HTML_REMOTE_CONTENT, AttributeValue.of(remote[0])));
    }

    @Override
    public String getMailetInfo() {
        return "Postdesk SanitizeHtml";
    }
}
