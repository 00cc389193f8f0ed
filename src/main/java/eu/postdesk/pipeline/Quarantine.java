package eu.postdesk.pipeline;

import java.util.Optional;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a message the pipeline could not file into quarantine with its reason: the {@code reason}
 * parameter, followed by what failed (the exception's class and the mailet or matcher that threw
 * it) when the container recorded a failure. Never the exception's message, which can quote an
 * address or the content. The raw message stays in the spool, sealed under its sender's key, until
 * an operator retries it. A mailet that failed for a reason that may pass (the database busy, the
 * disk full) does not quarantine the message: the pipeline tries it again later. Belongs in the {@code error} processor.
 *
 * <pre>{@code
 * <processor state="error">
 *     <mailet match="All" class="Quarantine">
 *         <reason>the pipeline could not file this message</reason>
 *     </mailet>
 * </processor>
 * }</pre>
 */
public class Quarantine extends GenericMailet {
    private static final Logger log = LoggerFactory.getLogger(Quarantine.class);
    /** How James's container begins the error message it records: "Exception calling NAME: message...". */
    private static final String CALLING = "Exception calling ";

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
            if (DryRun.isOn(mail)) {
                DryRun.report(mail, "retry", "a failure that may pass: the message would be tried again later");
            }
            mail.setState(Mail.GHOST);
            return;
        }
        String failure = failure(mail).orElse(null);
        if (DryRun.isOn(mail)) {
            DryRun.report(mail, "quarantine", failure == null ? reason : reason + ": " + failure);
            return;
        }
        long spoolId = IncomingMail.spoolId(mail);
        if (failure != null) {
            log.warn("spooled message {} quarantined: {}", spoolId, failure);
        }
        outcomes.quarantine(spoolId, IncomingMail.sender(mail), failure == null ? reason : reason + ": " + failure);
        mail.setState(Mail.GHOST);
    }

    /** What failed, in words that carry no personal data: the exception's class and where it was thrown. */
    static Optional<String> failure(Mail mail) {
        Optional<String> exception = mail.getAttribute(Mail.MAILET_ERROR)
                .map(attribute -> attribute.getValue().value())
                .filter(Throwable.class::isInstance)
                .map(thrown -> thrown.getClass().getName());
        Optional<String> where = Optional.ofNullable(mail.getErrorMessage())
                .filter(message -> message.startsWith(CALLING))
                .map(message -> message.substring(CALLING.length()))
                .map(rest -> rest.contains(": ") ? rest.substring(0, rest.indexOf(": ")) : null)
                .filter(name -> name.matches("[\\w.$-]{1,200}"));
        if (exception.isEmpty() && where.isEmpty()) {
            return mail.getErrorMessage() == null || mail.getErrorMessage().isBlank() ? Optional.empty() : Optional.of("a mailet failed");
        }
        return Optional.of(exception.orElse("an exception") + " in " + where.orElse("a mailet"));
    }

    @Override
    public String getMailetInfo() {
        return "Quarantine";
    }
}
