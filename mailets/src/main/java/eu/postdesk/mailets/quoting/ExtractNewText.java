package eu.postdesk.mailets.quoting;

import eu.postdesk.mailets.PostdeskAttributes;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetException;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Stores what a message adds to its conversation, without quoted history and signature (see
 * {@link QuotedHistory}), as the String attribute {@link PostdeskAttributes#NEW_TEXT}. Works on the
 * first text/plain body part, else on the first text/html part. The message itself is unchanged.
 * <pre>{@code
 * <mailet match="All" class="eu.postdesk.mailets.quoting.ExtractNewText">
 *     <!-- optional: a folder with files named like conf/quoting/*.txt that add to the defaults -->
 *     <rules>/etc/postdesk/quoting</rules>
 * </mailet>
 * }</pre>
 * A message without a readable text body gets no attribute.
 */
public class ExtractNewText extends GenericMailet {

    private static final Logger LOGGER = LoggerFactory.getLogger(ExtractNewText.class);

    private QuotedHistory quotedHistory;

    @Override
    public void init() throws MailetException {
        String folder = getInitParameter("rules");
        if (folder == null || folder.isBlank()) {
            quotedHistory = QuotedHistory.withDefaults();
            return;
        }
        Path path = Path.of(folder.strip());
        if (!Files.isDirectory(path)) {
            throw new MailetException("ExtractNewText: <rules> must name a folder of quoting rules, '"
                    + folder + "' is not one");
        }
        try {
            quotedHistory = QuotedHistory.withOperatorRules(path);
        } catch (IOException | IllegalArgumentException e) {
            throw new MailetException("ExtractNewText: cannot load the quoting rules in " + folder + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void service(Mail mail) {
        try {
            MimeMessage message = mail.getMessage();
            if (message == null) {
                return;
            }
            Optional<MessageText.Body> body = MessageText.of(message);
            if (body.isEmpty()) {
                return;
            }
            String newText = body.get().html()
                    ? quotedHistory.newTextFromHtml(body.get().text())
                    : quotedHistory.newText(body.get().text());
            mail.setAttribute(new Attribute(PostdeskAttributes.NEW_TEXT, AttributeValue.of(newText)));
        } catch (MessagingException | RuntimeException e) {
            // Never the content: which mail, and what kind of failure.
            LOGGER.warn("ExtractNewText could not read mail {}: {}", mail.getName(), e.getClass().getSimpleName());
        }
    }

    @Override
    public String getMailetInfo() {
        return "ExtractNewText: stores what a message adds, without quoted history and signature";
    }
}
