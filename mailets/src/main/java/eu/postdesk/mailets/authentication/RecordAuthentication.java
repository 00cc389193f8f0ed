package eu.postdesk.mailets.authentication;

import eu.postdesk.mailets.PostdeskAttributes;
import jakarta.mail.MessagingException;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetException;
import org.apache.mailet.base.GenericMailet;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Records the sender authentication verdict of the {@code Authentication-Results} header (RFC 8601)
 * that our own border MTA added, before any mailet rewrites the message and breaks its DKIM signature.
 * The verdict goes to {@link PostdeskAttributes#AUTHENTICATION} as a String of {@code method=result}
 * pairs in header order, e.g. {@code spf=pass; dkim=pass; dmarc=pass}, or {@code none} when no header
 * from a trusted authserv-id is present. Headers from other authserv-ids are ignored: anyone can write
 * them. The border MTA must remove incoming headers that carry its own authserv-id (RFC 8601 section 5).
 *
 * <pre>{@code
 * <mailet match="All" class="eu.postdesk.mailets.authentication.RecordAuthentication">
 *     <!-- required, comma-separated: the authserv-id(s) of our own MTA(s) -->
 *     <trustedAuthservId>mx1.helpdesk.test</trustedAuthservId>
 * </mailet>
 * }</pre>
 */
public class RecordAuthentication extends GenericMailet {
    static final String NONE = "none";

    private AuthenticationResults results;

    @Override
    public void init() throws MessagingException {
        String value = getInitParameter("trustedAuthservId");
        if (value == null || value.isBlank()) {
            throw new MailetException("RecordAuthentication needs trustedAuthservId: the authserv-id your MTA writes "
                    + "in Authentication-Results (usually its host name)");
        }
        results = new AuthenticationResults(Arrays.asList(value.split(",")));
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        String[] headers = mail.getMessage().getHeader("Authentication-Results");
        String verdict = NONE;
        if (headers != null) {
            for (String header : headers) {
                String found = verdict(header);
                if (found != null) {
                    verdict = found;
                    break;
                }
            }
        }
        mail.setAttribute(new Attribute(PostdeskAttributes.AUTHENTICATION, AttributeValue.of(verdict)));
    }

    /** The {@code method=result} pairs of a header from a trusted authserv-id, or {@code null}. */
    String verdict(String header) {
        return results.trusted(header)
                .map(found -> found.isEmpty() ? NONE : found.stream().map(AuthenticationResults.Result::toString).collect(Collectors.joining("; ")))
                .orElse(null);
    }

    static String withoutComments(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int depth = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public String getMailetInfo() {
        return "Postdesk RecordAuthentication";
    }
}
