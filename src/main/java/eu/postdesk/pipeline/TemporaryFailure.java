package eu.postdesk.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Optional;

import jakarta.mail.MessagingException;

import org.apache.mailet.Mail;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Whether a failure may pass if the same message is tried again later: the database busy, locked or
 * away for a moment, the data directory unwritable or full. Such a message is retried with backoff;
 * anything else is quarantined at once.
 */
public final class TemporaryFailure {
    private TemporaryFailure() {
    }

    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof IOException || t instanceof UncheckedIOException) {
                return true;
            }
        }
        return false;
    }

    /** The temporary failure James's container recorded on a mail when a mailet threw one. */
    public static Optional<Throwable> recordedOn(Mail mail) {
        return mail.getAttribute(Mail.MAILET_ERROR)
                .map(attribute -> attribute.getValue().value())
                .filter(Throwable.class::isInstance).map(Throwable.class::cast)
                .filter(TemporaryFailure::is);
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException messaging && messaging.getNextException() != null && messaging.getNextException() != t.getCause()) {
            return messaging.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }
}
