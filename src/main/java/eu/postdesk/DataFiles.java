package eu.postdesk;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Files in the data directory that rows of the database point to (spooled messages, sealed
 * originals, attachments): made durable before the row that names them commits, and removed
 * when that transaction rolls back or, for a file a committed change no longer needs, after it commits.
 */
public final class DataFiles {
    private DataFiles() {
    }

    /** Flushes a file's bytes to the disk. */
    public static void sync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Flushes a folder's entries (a new or renamed file's name) to the disk. */
    public static void syncFolder(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException notSupported) {
            // some file systems cannot open a folder for syncing; the file itself is synced
            LoggerFactory.getLogger(DataFiles.class).debug("cannot sync folder {}: {}", folder, notSupported.toString());
        }
    }

    /** Removes a file written for the current transaction if that transaction rolls back. */
    public static void deleteOnRollback(Path file) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        deleteQuietly(file);
                    }
                }
            });
        }
    }

    /** Removes a file once the current transaction commits (at once without a transaction). */
    public static void deleteOnCommit(Path file) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    deleteQuietly(file);
                }
            });
        } else {
            deleteQuietly(file);
        }
    }

    /**
     * Deletes every file in a folder that none of the given names (the file names rows point to)
     * names: what a crash left between writing a file and committing its row.
     */
    public static void sweep(Path folder, java.util.Collection<String> named) {
        var keep = new java.util.HashSet<>(named);
        try (var files = Files.list(folder)) {
            files.filter(Files::isRegularFile).filter(path -> !keep.contains(path.getFileName().toString())).forEach(DataFiles::deleteQuietly);
        } catch (IOException e) {
            // leftovers take space but lose nothing; the next start tries again
            LoggerFactory.getLogger(DataFiles.class).debug("cannot sweep {}: {}", folder, e.toString());
        }
    }

    public static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover is removed by the next start's sweep
            LoggerFactory.getLogger(DataFiles.class).debug("cannot delete {}: {}", file, e.toString());
        }
    }
}
