package eu.postdesk.mailets.redaction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.tika.io.TemporaryResources;

/**
 * Where attachment inspection writes its temporary copies of customer data: the decoded
 * attachment, archive members, and Tika's scratch files for embedded documents. The folder is the
 * mailet's {@code temporaryDirectory}, else the JVM's ({@code java.io.tmpdir}). Every such file is
 * deleted by the code that made it as soon as the attachment is inspected (in a {@code finally}),
 * and Tika's with the {@link TemporaryResources} they belong to.
 */
final class TemporaryFiles {
    private final Path folder;

    /** {@code folder} null: the JVM's temporary folder. */
    TemporaryFiles(Path folder) {
        this.folder = folder;
    }

    static TemporaryFiles ofJvm() {
        return new TemporaryFiles(null);
    }

    /** A new empty file; the caller deletes it. */
    Path create(String prefix) throws IOException {
        return folder == null ? Files.createTempFile(prefix, ".bin") : Files.createTempFile(folder, prefix, ".bin");
    }

    /** Scratch space for Tika in the same folder; closing it deletes what Tika wrote there. */
    TemporaryResources forTika() {
        TemporaryResources resources = new TemporaryResources();
        if (folder != null) {
            resources.setTemporaryFileDirectory(folder);
        }
        return resources;
    }
}
