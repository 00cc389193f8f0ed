package eu.postdesk.pipeline;

import java.util.Optional;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

/**
 * A replayed message ({@link Replay}): the terminal mailets see this mark and report what they
 * would do instead of doing it, so that nothing is written to tickets, the spool or the outbox and
 * nothing is sent. A mail attribute, which no sender can set (attributes are not headers).
 */
public final class DryRun {
    static final AttributeName MARK = AttributeName.of("postdesk.dryRun");
    static final AttributeName OUTCOME = AttributeName.of("postdesk.dryRun.outcome");

    /** What a terminal mailet would have done: {@code ticket}, {@code dropped}, {@code quarantine}, {@code agent-answer} or {@code retry}, and why. */
    public record Outcome(String kind, String reason) {
    }

    private DryRun() {
    }

    static void mark(Mail mail) {
        mail.setAttribute(new Attribute(MARK, AttributeValue.of(true)));
    }

    /** Whether this mail is replayed: then the caller reports ({@link #report}) instead of acting. */
    public static boolean isOn(Mail mail) {
        return mail.getAttribute(MARK).isPresent();
    }

    /** Records what the terminal mailet would have done and ends the mail's way, as acting would. */
    public static void report(Mail mail, String kind, String reason) {
        mail.setAttribute(new Attribute(OUTCOME, AttributeValue.of(kind + "\n" + (reason == null ? "" : reason))));
        mail.setState(Mail.GHOST);
    }

    static Optional<Outcome> outcome(Mail mail) {
        return mail.getAttribute(OUTCOME).map(a -> String.valueOf(a.getValue().value()))
                .map(v -> new Outcome(v.substring(0, v.indexOf('\n')), v.substring(v.indexOf('\n') + 1)));
    }
}
