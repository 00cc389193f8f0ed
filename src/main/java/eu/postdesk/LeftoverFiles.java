package eu.postdesk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import eu.postdesk.privacy.SealedOriginals;
import eu.postdesk.spool.Spool;
import eu.postdesk.tickets.Messages;

/**
 * Sweeps, at start and before the pipeline and the ingress run, what a crash left in the data
 * directory: spool, sealed and attachment files that no row names (written by a filing that never
 * committed), half-received messages, and every temporary file in {@code data-dir/tmp}, the folder
 * where temporary copies of customer data (attachment text, parser scratch files) are written.
 */
@Component
public class LeftoverFiles implements SmartLifecycle {
    private final Spool spool;
    private final Messages messages;
    private final SealedOriginals sealedOriginals;
    private final Path temporary;
    private volatile boolean running;

    public LeftoverFiles(Spool spool, Messages messages, SealedOriginals sealedOriginals, PostdeskProperties properties) throws IOException {
        this.spool = spool;
        this.messages = messages;
        this.sealedOriginals = sealedOriginals;
        this.temporary = temporaryFolder(properties);
    }

    /** Where the server writes temporary files (created if missing); emptied at every start. */
    public static Path temporaryFolder(PostdeskProperties properties) {
        Path folder = properties.getDataDir().resolve("tmp");
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot create the temporary folder in postdesk.data-dir: " + folder, e);
        }
        return folder;
    }

    @Override
    public void start() {
        spool.sweepLeftovers();
        messages.sweepLeftovers();
        sealedOriginals.sweepLeftovers();
        DataFiles.sweep(temporary, List.of());
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // before the pipeline (MAX - 200) and the ingress (MAX - 100): nothing is being written yet
        return Integer.MAX_VALUE - 300;
    }
}
