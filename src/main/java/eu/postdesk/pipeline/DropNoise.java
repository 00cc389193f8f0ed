package eu.postdesk.pipeline;

import jakarta.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

import eu.postdesk.mailets.PostdeskAttributes;

/**
 * Ends the way of a message that must not make a ticket (auto-reply, bounce, bulk mail, our own
 * mail coming back), recording why. The reason is the one the noise mailets set
 * ({@code postdesk.noise.reason}), else the {@code reason} parameter.
 *
 * <pre>{@code
 * <mailet match="IsAutoReply" class="DropNoise">
 *     <reason>auto-reply</reason>
 * </mailet>
 * }</pre>
 */
public class DropNoise extends GenericMailet {
    private final Outcomes outcomes;
    private String reason;

    public DropNoise(Outcomes outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    public void init() throws MessagingException {
        reason = getInitParameter("reason", "noise");
    }

    @Override
    public void service(Mail mail) {
        String why = mail.getAttribute(PostdeskAttributes.NOISE_REASON)
                .map(a -> String.valueOf(a.getValue().value())).orElse(reason);
        if (DryRun.isOn(mail)) {
            DryRun.report(mail, "dropped", why);
            return;
        }
        outcomes.drop(IncomingMail.spoolId(mail), IncomingMail.sender(mail), why, null);
        mail.setState(Mail.GHOST);
    }

    @Override
    public String getMailetInfo() {
        return "DropNoise";
    }
}
