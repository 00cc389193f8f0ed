package eu.postdesk.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A spam filter Postdesk asks about a message: rspamd ({@link Rspamd}) or SpamAssassin's spamd ({@link Spamd}). */
public interface SpamFilter {
    /** Whether the operator configured this filter. */
    boolean configured();

    /** The verdict on the message in {@code file}; an IOException means the filter could not answer now. */
    SpamVerdict check(Path file, String envelopeFrom, List<String> recipients) throws IOException;

    /** Teaches the filter that the message in {@code file} is spam, where it can learn; false where it cannot. */
    boolean learnSpam(Path file) throws IOException;
}
