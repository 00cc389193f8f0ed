package eu.postdesk.outbound;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * What a relay's refusal means for one outgoing mail. Angus reports every SMTP refusal as a
 * {@code SendFailedException}: at MAIL and at the end of DATA an {@link SMTPSendFailedException},
 * at RCPT a plain one chaining an {@link SMTPAddressFailedException}, each with the reply code. A
 * 4xx (greylisting, rate limits, a full queue) is temporary and retried; a 5xx is final. A failure
 * without any reply code (no connection, a timeout, a bad greeting) is temporary too.
 *
 * <p>The description names the command and the codes only: the relay's text quotes the recipient's
 * address, which must not reach logs, the outbox's {@code last_error} or agents.
 */
public record RelayRefusal(boolean permanent, String description) {
    private static final Pattern ENHANCED_STATUS = Pattern.compile("^\\d{3}[ -]([245]\\.\\d{1,3}\\.\\d{1,3})\\b");

    public static RelayRefusal of(Exception failure) {
        if (failure instanceof jakarta.mail.internet.AddressException) {
            // its message quotes the address; and no relay will ever take it
            return new RelayRefusal(true, "the recipient's address is not a valid mail address");
        }
        for (Throwable e = failure; e != null; e = next(e)) {
            if (e instanceof SMTPAddressFailedException refused) {
                return of(refused.getReturnCode(), refused.getCommand(), refused.getMessage());
            }
            if (e instanceof SMTPSenderFailedException refused) {
                return of(refused.getReturnCode(), refused.getCommand(), refused.getMessage());
            }
            if (e instanceof SMTPSendFailedException refused && refused.getReturnCode() > 0) {
                return of(refused.getReturnCode(), refused.getCommand(), refused.getMessage());
            }
        }
        return new RelayRefusal(false, "no answer from the relay: " + failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : " (" + failure.getMessage() + ")"));
    }

    private static RelayRefusal of(int code, String command, String reply) {
        String verb = verb(command);
        // RFC 5321 4.5.3.1.10: a 552 to RCPT means too many recipients, to be treated as temporary
        boolean permanent = code >= 500 && !(code == 552 && verb.equals("RCPT"));
        Matcher status = ENHANCED_STATUS.matcher(reply == null ? "" : reply.strip());
        String detail = status.find() ? " " + status.group(1) : "";
        return new RelayRefusal(permanent, "relay answered " + code + detail + " to " + verb);
    }

    /** The SMTP verb alone: the rest of the command is the address. */
    private static String verb(String command) {
        if (command == null || command.isBlank()) {
            return "an unknown command";
        }
        if (command.strip().equals(".")) {
            return "the end of DATA";
        }
        return command.strip().split("[\\s:]", 2)[0].toUpperCase(Locale.ROOT);
    }

    private static Throwable next(Throwable e) {
        if (e instanceof MessagingException messaging && messaging.getNextException() != null) {
            return messaging.getNextException();
        }
        return e.getCause() == e ? null : e.getCause();
    }
}
