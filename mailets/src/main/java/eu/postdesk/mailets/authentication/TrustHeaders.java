package eu.postdesk.mailets.authentication;

import eu.postdesk.mailets.mime.MessageChanges;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimePartDataSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The headers Postdesk believes, as a sender may forge them: every {@code X-Postdesk-*} header
 * (the redaction mailet's verdicts, such as {@code X-Postdesk-Fate}) on the message and on every
 * MIME part, and every {@code Authentication-Results} header that claims one of our own
 * authserv-ids. What arrives from outside carries none of them legitimately, so they are removed
 * before anything reads them.
 */
public final class TrustHeaders {
    /** Postdesk's own authserv-id. One that arrives with the message is forged; Postdesk adds its own only after removing those. */
    public static final String OWN_AUTHSERV_ID = "postdesk";
    static final String INTERNAL_PREFIX = "x-postdesk-";
    static final String AUTHENTICATION_RESULTS = "Authentication-Results";
    /** Far deeper than any mail client nests; the redaction mailet withholds what lies deeper. */
    private static final int MAX_DEPTH = 100;

    private final Set<String> ownAuthservIds;

    /** Removes Authentication-Results claiming any of these authserv-ids (compared without case). */
    public TrustHeaders(Set<String> ownAuthservIds) {
        this.ownAuthservIds = ownAuthservIds.stream().map(id -> id.strip().toLowerCase(Locale.ROOT))
                .filter(id -> !id.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /** Removes the forged headers from the message and its parts; true when anything was removed. */
    public boolean removeFrom(MimeMessage message) throws MessagingException {
        boolean removed = removeAuthenticationResults(message);
        removed |= removeInternal(message);
        Multipart multipart = multipartOf(message);
        if (multipart != null && removeFromParts(multipart, 1)) {
            // James's MimeMessageWrapper parses a fresh multipart on each getContent(): put the cleaned one back.
            message.setContent(multipart);
            MessageChanges.save(message);
            return true;
        }
        return removed;
    }

    private boolean removeFromParts(Multipart multipart, int depth) throws MessagingException {
        if (depth > MAX_DEPTH) {
            return false;
        }
        boolean removed = false;
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            removed |= removeInternal(part);
            Multipart nested = multipartOf(part);
            if (nested != null && removeFromParts(nested, depth + 1)) {
                part.setContent(nested);
                removed = true;
            }
        }
        return removed;
    }

    /**
     * The parts of a multipart as every reader of Postdesk finds them: parsed through its content
     * handler, else straight from its bytes; null for what is no multipart or has no readable parts
     * (which no reader can show as parts either).
     */
    private static Multipart multipartOf(Part part) {
        try {
            if (!part.isMimeType("multipart/*")) {
                return null;
            }
            try {
                if (part.getContent() instanceof Multipart multipart) {
                    multipart.getCount();
                    return multipart;
                }
            } catch (IOException | MessagingException | RuntimeException e) {
                // no content handler for it: read the parts from the bytes below
            }
            if (part instanceof MimePart mime) {
                MimeMultipart multipart = new MimeMultipart(new MimePartDataSource(mime));
                multipart.getCount();
                return multipart;
            }
        } catch (MessagingException | RuntimeException e) {
            // not readable as parts
        }
        return null;
    }

    private static boolean removeInternal(Part part) throws MessagingException {
        List<String> names = new ArrayList<>();
        for (Header header : Collections.list(part.getAllHeaders())) {
            if (header.getName().toLowerCase(Locale.ROOT).startsWith(INTERNAL_PREFIX) && !names.contains(header.getName())) {
                names.add(header.getName());
            }
        }
        for (String name : names) {
            part.removeHeader(name);
        }
        return !names.isEmpty();
    }

    private boolean removeAuthenticationResults(MimeMessage message) throws MessagingException {
        String[] values = message.getHeader(AUTHENTICATION_RESULTS);
        if (values == null || ownAuthservIds.isEmpty()) {
            return false;
        }
        List<String> kept = new ArrayList<>();
        for (String value : values) {
            if (!ownAuthservIds.contains(authservId(value))) {
                kept.add(value);
            }
        }
        if (kept.size() == values.length) {
            return false;
        }
        message.removeHeader(AUTHENTICATION_RESULTS);
        for (String value : kept) {
            message.addHeader(AUTHENTICATION_RESULTS, value);
        }
        return true;
    }

    /** The authserv-id an Authentication-Results value names (RFC 8601: the first token, comments aside). */
    static String authservId(String value) {
        String unfolded = RecordAuthentication.withoutComments(value.replaceAll("\\r?\\n[ \\t]*", " ")).strip();
        int semicolon = unfolded.indexOf(';');
        String first = (semicolon < 0 ? unfolded : unfolded.substring(0, semicolon)).strip();
        String[] tokens = first.split("\\s+");
        return tokens.length == 0 ? "" : tokens[0].toLowerCase(Locale.ROOT);
    }
}
