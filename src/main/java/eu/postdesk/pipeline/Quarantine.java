package eu.postdesk.pipeline;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/**
 * Puts a message the pipeline could not file into quarantine with its reason: the error the
 * container recorded (a mailet that failed), else the {@code reason} parameter. The raw message
 * stays in the spool, sealed under its sender's key, until an operator retries it. A mailet that
 * failed for a reason that may pass (the database busy, the disk full) does not quarantine the
 * message: the pipeline tries it again later. Belongs in the {@code error} processor.
 *
 * <pre>{@code
 * <processor state="error">
 *     <mailet match="All" class="Quarantine">
 *         <reason>the pipeline failed</reason>
 *     </mailet>
 * </processor>
 * }</pre>
 */
public class Quarantine extends GenericMailet {
    private final Outcomes outcomes;
    private String reason;

    public Quarantine(Outcomes outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    public void init() {
        reason = getInitParameter("reason", "the pipeline could not file this message");
    }

    @Override
    public void service(Mail mail) {
        if (TemporaryFailure.recordedOn(mail).isPresent()) {
            mail.setState(Mail.GHOST);
            return;
        }
        String error = mail.getErrorMessage();
        outcomes.quarantine(IncomingMail.spoolId(mail), IncomingMail.sender(mail),
                error == null || error.isBlank() ? reason : reason + ": " + error);
        mail.setState(Mail.GHOST);
    }

    @Override
    public String getMailetInfo() {
        return "Quarantine";
    }
}
