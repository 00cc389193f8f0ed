package eu.postdesk.mailets.tracking;

import eu.postdesk.mailets.PostdeskAttributes;
import eu.postdesk.mailets.mime.TextParts;
import jakarta.mail.MessagingException;
import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetException;
import org.apache.mailet.base.GenericMailet;

import java.nio.file.Path;
import java.util.List;

/**
 * Removes tracking from the text and HTML bodies of inbound mail: open pixels (tiny, hidden, off-screen,
 * from a known tracker service, or unsized at an open-tracking path), tracker CSS {@code url()}s, URLs that carry a recipient's address, click
 * wrappers (unwrapped when they carry their destination, otherwise neutralised: the link text stays,
 * the URL goes) and tracking parameters. HTML attachments are cleaned the same way (a browser opening
 * one loads its pixels). Other attachments, inline {@code cid:} images, charsets and the MIME structure
 * stay as they were; only parts that held a tracker are rewritten. Nothing is fetched.
 *
 * <p>What was removed is added, by kind and by service, to the Mail attributes
 * {@link PostdeskAttributes#TRACKERS_BY_KIND} and {@link PostdeskAttributes#TRACKERS_BY_SERVICE}.
 * Put it after {@code RecordAuthentication}: rewriting breaks DKIM signatures.
 *
 * <pre>{@code
 * <mailet match="All" class="eu.postdesk.mailets.tracking.StripTracking">
 *     <!-- optional: an operator's rules file or folder (services*.txt, wrappers*.txt, parameters*.txt) -->
 *     <extraRules>/etc/postdesk/tracking</extraRules>
 *     <!-- optional: larger text bodies send the mail to the error processor; default 33554432 (32 MiB) -->
 *     <maxPartBytes>33554432</maxPartBytes>
 * </mailet>
 * }</pre>
 */
public class StripTracking extends GenericMailet {
    static final long DEFAULT_MAX_PART_BYTES = 32L * 1024 * 1024;

    private TrackerRules rules;
    private TextParts textParts;

    @Override
    public void init() throws MessagingException {
        String extra = getInitParameter("extraRules");
        rules = TrackerRules.load(extra == null || extra.isBlank() ? null : Path.of(extra.strip()));
        textParts = new TextParts(maxPartBytes(getInitParameter("maxPartBytes")));
    }

    static long maxPartBytes(String value) throws MailetException {
        if (value == null || value.isBlank()) {
            return DEFAULT_MAX_PART_BYTES;
        }
        try {
            long bytes = Long.parseLong(value.strip());
            if (bytes < 1024) {
                throw new MailetException("maxPartBytes must be at least 1024, got " + bytes);
            }
            return bytes;
        } catch (NumberFormatException e) {
            throw new MailetException("maxPartBytes must be a number of bytes, got '" + value + "'");
        }
    }

    /**
     * The envelope recipients, and the addresses in the message's own From, To, Cc and Reply-To: a
     * customer who forwards a newsletter forwards trackers keyed to their own address, not ours.
     */
    private static List<String> addressesToProtect(Mail mail) {
        List<String> addresses = new java.util.ArrayList<>(mail.getRecipients().stream().map(MailAddress::asString).toList());
        for (String header : List.of("From", "To", "Cc", "Reply-To")) {
            try {
                String[] values = mail.getMessage().getHeader(header);
                if (values == null) {
                    continue;
                }
                for (String value : values) {
                    for (jakarta.mail.internet.InternetAddress address : jakarta.mail.internet.InternetAddress.parseHeader(value, false)) {
                        if (address.getAddress() != null) {
                            addresses.add(address.getAddress());
                        }
                    }
                }
            } catch (MessagingException | RuntimeException unreadable) {
                // a broken address header protects nobody; the envelope recipients still count
            }
        }
        return addresses;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        LinkCleaner cleaner = new LinkCleaner(rules, RecipientAddresses.of(addressesToProtect(mail)));
        HtmlTrackers html = new HtmlTrackers(cleaner);
        TextLinks text = new TextLinks(cleaner);
        Removals removals = new Removals();
        try {
            textParts.rewrite(mail.getMessage(), false,
                    (body, isHtml, charset) -> isHtml ? html.strip(body, charset, removals) : text.clean(body, removals));
            // an HTML attachment opened in a browser loads its pixels like a body would; SVG loses every reference in SanitizeHtml
            textParts.rewriteMarkupAttachments(mail.getMessage(),
                    (markup, kind, charset) -> kind == TextParts.Markup.HTML ? html.strip(markup, charset, removals) : markup);
        } catch (RuntimeException | StackOverflowError e) {
            // The container sends the mail to the error processor with this reason; the original is kept.
            throw new MessagingException("Tracking removal failed on this message: " + e.getClass().getSimpleName(), e instanceof Exception x ? x : null);
        }
        TrackingReport.record(mail, removals);
    }

    @Override
    public String getMailetInfo() {
        return "Postdesk StripTracking";
    }
}
