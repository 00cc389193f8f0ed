package eu.postdesk.mailets.noise;

import eu.postdesk.mailets.RuleLines;
import org.apache.mailet.Mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Matches automatic replies: out-of-office and vacation notices, and read receipts, which must
 * neither open a ticket nor be acknowledged (RFC 3834).
 *
 * <p>A mail is an automatic reply when any of these holds:
 * <ul>
 *   <li>{@code Auto-Submitted} is present with any value but {@code no} (RFC 3834);</li>
 *   <li>{@code X-Autoreply} or {@code X-Autorespond} is present;</li>
 *   <li>{@code Precedence: auto_reply};</li>
 *   <li>{@code X-Auto-Response-Suppress} names {@code All}, {@code OOF} or {@code AutoReply}
 *       (Exchange puts it on its out-of-office replies; an ordinary Outlook mail has no such header);</li>
 *   <li>the message is a read receipt ({@code multipart/report; report-type=disposition-notification});</li>
 *   <li>the Subject starts with a prefix from {@code conf/noise/auto-reply-subjects.txt}
 *       ("Automatic reply:", "Out of Office:", "Abwesend:", "Automatyczna odpowiedź:", ...).</li>
 * </ul>
 *
 * <p>The optional condition names an operator's file of further subject prefixes (same format):
 * <pre>{@code
 * <mailet match="eu.postdesk.mailets.noise.IsAutoReply" class="eu.postdesk.mailets.noise.RecordNoise">
 *     <reason>auto-reply</reason>
 *     <processor>noise</processor>
 * </mailet>
 * <!-- with the operator's own prefixes: match="eu.postdesk.mailets.noise.IsAutoReply=/etc/postdesk/noise/auto-reply-subjects.txt" -->
 * }</pre>
 */
public class IsAutoReply extends NoiseMatcher {

    static final String SUBJECTS = "noise/auto-reply-subjects.txt";
    private static final Set<String> SUPPRESS_TOKENS = Set.of("all", "oof", "autoreply");

    private List<String> subjectPrefixes = List.of();

    @Override
    public void init() throws MessagingException {
        try {
            subjectPrefixes = RuleLines.defaultsAnd(SUBJECTS, getCondition()).stream()
                    .map(line -> normalisePrefix(line.text()))
                    .toList();
        } catch (IOException e) {
            throw new MessagingException("IsAutoReply: cannot read subject prefixes (condition '"
                    + getCondition() + "' must name a readable file): " + e.getMessage(), e);
        }
    }

    @Override
    boolean isNoise(Mail mail, MimeMessage message) {
        String autoSubmitted = Headers.lower(message, "Auto-Submitted");
        // The keyword may carry parameters or a comment: "auto-replied; owner-email=...", "no (manual)".
        String keyword = autoSubmitted.split("[;(\\s]", 2)[0];
        if (!keyword.isEmpty() && !keyword.equals("no")) {
            return true;
        }
        if (Headers.present(message, "X-Autoreply") || Headers.present(message, "X-Autorespond")) {
            return true;
        }
        if (Headers.lower(message, "Precedence").equals("auto_reply")) {
            return true;
        }
        if (suppressesAutoReplies(Headers.lower(message, "X-Auto-Response-Suppress"))) {
            return true;
        }
        String contentType = Headers.contentType(message);
        if (contentType.startsWith("multipart/report") && contentType.contains("disposition-notification")) {
            return true;
        }
        return hasAutoReplySubject(Headers.subject(message));
    }

    private static boolean suppressesAutoReplies(String value) {
        for (String token : value.split("[,\\s]+")) {
            if (SUPPRESS_TOKENS.contains(token)) {
                return true;
            }
        }
        return false;
    }

    private boolean hasAutoReplySubject(String subject) {
        String normalised = normalisePrefix(subject);
        for (String prefix : subjectPrefixes) {
            if (normalised.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Lower-cases and drops spaces before a colon, so "Réponse automatique :" matches "Réponse automatique:". */
    private static String normalisePrefix(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(Math.min(lower.length(), 200));
        for (int i = 0; i < lower.length() && out.length() < 200; i++) {
            char c = lower.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00a0') {
                int next = i + 1;
                while (next < lower.length() && Character.isWhitespace(lower.charAt(next))) {
                    next++;
                }
                if (next < lower.length() && lower.charAt(next) == ':') {
                    i = next - 1;
                    continue;
                }
                c = ' ';
            }
            out.append(c);
        }
        return out.toString();
    }
}
