package eu.postdesk.pipeline;

import java.io.IOException;
import java.time.Duration;

/**
 * A mailet's word that a message must wait for a peer that is down (the spam filter) and be taken
 * again after {@link #waitFor()}: the pipeline puts it back in the spool and frees the worker, and
 * the wait does not count as a failed attempt. A temporary failure ({@link TemporaryFailure}) by kind.
 */
public class WaitForFilter extends IOException {
    private final transient Duration waitFor;

    public WaitForFilter(String filter, Duration waitFor) {
        super(filter + " is unavailable: the message waits " + waitFor);
        this.waitFor = waitFor;
    }

    public Duration waitFor() {
        return waitFor;
    }

    /** The wait a failure asks for, if it is (or was caused by) one. */
    static java.util.Optional<WaitForFilter> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof WaitForFilter wait) {
                return java.util.Optional.of(wait);
            }
            if (t instanceof jakarta.mail.MessagingException messaging && messaging.getNextException() instanceof WaitForFilter wait) {
                return java.util.Optional.of(wait);
            }
        }
        return java.util.Optional.empty();
    }
}
