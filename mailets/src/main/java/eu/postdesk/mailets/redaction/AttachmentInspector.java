package eu.postdesk.mailets.redaction;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.Entry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.PDF;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds out what an attachment really is (Apache Tika detects the type from its bytes, not from
 * what the sender declared) and what it says: its text, or why it must be quarantined. Each
 * attachment is spooled to a temporary file within {@link InspectionLimits}, so a large one never
 * sits in memory; zip archives are walked here member by member, other containers (mail, office
 * documents, tar, 7z) through Tika with a watch on every embedded document. Parsing runs on a
 * bounded pool of threads, each attachment within its own time limit and within what is left of
 * its message's {@link InspectionBudget}; what runs out of time is quarantined.
 */
final class AttachmentInspector {
    /** Inspections waiting for a thread, over all messages; more are refused (and quarantined). */
    private static final int WAITING = 1024;

    private final InspectionLimits limits;
    private final Detector detector;
    private final AutoDetectParser parser;
    private final ExecutorService workers;
    private final TemporaryFiles temporaryFiles;

    AttachmentInspector(InspectionLimits limits) {
        this(limits, TemporaryFiles.ofJvm());
    }

    AttachmentInspector(InspectionLimits limits, TemporaryFiles temporaryFiles) {
        this.limits = limits;
        this.temporaryFiles = temporaryFiles;
        TikaConfig config = TikaConfig.getDefaultConfig();
        this.detector = config.getDetector();
        this.parser = new AutoDetectParser(config);
        this.workers = new ThreadPoolExecutor(limits.threads(), limits.threads(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(WAITING), Thread.ofPlatform().daemon().name("postdesk-inspection-", 0).factory());
    }

    /** Stops the inspection threads; a parser stuck on hostile input is interrupted. */
    void close() {
        workers.shutdownNow();
    }

    /** Inspects one attachment's decoded content within what is left of its message's budget; never throws for bad content. */
    Inspection inspect(InputStream content, String fileName, int depth, InspectionBudget budget) {
        if (budget.isSpent()) {
            return new Inspection.Quarantine(Inspection.BUDGET_EXHAUSTED);
        }
        Path spooled = null;
        try {
            spooled = temporaryFiles.create("postdesk-attachment");
            if (!spool(content, spooled, limits.maxAttachmentBytes())) {
                return new Inspection.Quarantine(Inspection.TOO_LARGE);
            }
            Path file = spooled;
            // A parser looping on hostile input must not hold the mail forever.
            long ownLimit = limits.attachmentTimeout().toNanos();
            long wait = Math.min(ownLimit, budget.nanosLeft());
            if (wait <= 0) {
                return new Inspection.Quarantine(Inspection.BUDGET_EXHAUSTED);
            }
            Future<Inspection> inspection = workers.submit(() -> inspectFile(file, fileName, depth, new Budget(limits)));
            try {
                return inspection.get(wait, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                inspection.cancel(true);
                return new Inspection.Quarantine(wait < ownLimit ? Inspection.BUDGET_EXHAUSTED : Inspection.TOO_SLOW);
            } catch (RejectedExecutionException e) {
                return new Inspection.Quarantine(Inspection.TOO_SLOW);
            } catch (ExecutionException e) {
                return new Inspection.Quarantine(Inspection.NOT_INSPECTABLE);
            } catch (InterruptedException e) {
                inspection.cancel(true);
                Thread.currentThread().interrupt();
                return new Inspection.Quarantine(Inspection.NOT_INSPECTABLE);
            }
        } catch (IOException | RuntimeException | StackOverflowError | LinkageError e) {
            return new Inspection.Quarantine(Inspection.NOT_INSPECTABLE);
        } finally {
            deleteQuietly(spooled);
        }
    }

    private Inspection inspectFile(Path file, String fileName, int depth, Budget budget) throws IOException {
        if (depth > limits.maxDepth()) {
            return new Inspection.Quarantine(Inspection.TOO_DEEP);
        }
        MediaType type = detect(file, fileName);
        if (AttachmentTypes.isExecutable(type, fileName)) {
            return new Inspection.Quarantine(Inspection.EXECUTABLE);
        }
        if (AttachmentTypes.isJpeg(type) || AttachmentTypes.isPng(type)) {
            return stripPhoto(file, type);
        }
        if (AttachmentTypes.isImage(type)) {
            return new Inspection.Opaque(null);
        }
        if (AttachmentTypes.isPlainZip(type)) {
            return inspectZip(file, depth, budget);
        }
        if (AttachmentTypes.isEncryptedOffice(type)) {
            return new Inspection.Quarantine(Inspection.ENCRYPTED_DOCUMENT);
        }
        if (AttachmentTypes.declaresMacros(type, fileName)
                || AttachmentTypes.isZipBasedOffice(type) && zipHoldsMacros(file)
                || AttachmentTypes.isOle2Office(type) && ole2HoldsMacros(file)) {
            return new Inspection.Quarantine(Inspection.MACROS);
        }
        return extractText(file, fileName, depth, budget);
    }

    private MediaType detect(Path file, String fileName) throws IOException {
        Metadata metadata = new Metadata();
        if (fileName != null) {
            // The name only refines what the bytes say (csv vs. plain text); magic numbers win.
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        }
        try (TikaInputStream stream = TikaInputStream.get(file)) {
            return detector.detect(stream, metadata);
        }
    }

    /**
     * The photo without its metadata, rewritten from file to file as a stream; only the cleaned
     * result is read back, once, to replace the attachment.
     */
    private static Inspection stripPhoto(Path file, MediaType type) {
        Path cleaned = null;
        try {
            cleaned = Files.createTempFile("postdesk-photo", ".bin");
            boolean removed;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
                 OutputStream out = new BufferedOutputStream(Files.newOutputStream(cleaned), 64 * 1024)) {
                removed = AttachmentTypes.isJpeg(type) ? PhotoMetadata.stripJpeg(in, out) : PhotoMetadata.stripPng(in, out);
            }
            return new Inspection.Opaque(removed ? Files.readAllBytes(cleaned) : null);
        } catch (IOException e) {
            // A photo whose structure we cannot follow may still carry its GPS block.
            return new Inspection.Quarantine(Inspection.NOT_INSPECTABLE);
        } finally {
            deleteQuietly(cleaned);
        }
    }

    private Inspection inspectZip(Path file, int depth, Budget budget) throws IOException {
        long archiveSize = Math.max(Files.size(file), 1024);
        StringBuilder text = new StringBuilder();
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            for (Enumeration<ZipArchiveEntry> entries = zip.getEntriesInPhysicalOrder(); entries.hasMoreElements(); ) {
                ZipArchiveEntry entry = entries.nextElement();
                if (Thread.currentThread().isInterrupted()) {
                    return new Inspection.Quarantine(Inspection.TOO_SLOW); // out of time: nobody waits for the answer
                }
                if (entry.getGeneralPurposeBit().usesEncryption() || entry.getMethod() == ZipMethod.AES_ENCRYPTED.getCode()) {
                    return new Inspection.Quarantine(Inspection.ENCRYPTED_ARCHIVE);
                }
                if (entry.isDirectory()) {
                    continue;
                }
                if (AttachmentTypes.isExecutable(MediaType.OCTET_STREAM, entry.getName())) {
                    return new Inspection.Quarantine(Inspection.ARCHIVE_WITH_EXECUTABLE);
                }
                if (entry.getName().toLowerCase(Locale.ROOT).endsWith("vbaproject.bin")) {
                    return new Inspection.Quarantine(Inspection.MACROS);
                }
                if (!zip.canReadEntryData(entry)) {
                    return new Inspection.Quarantine(Inspection.NOT_INSPECTABLE);
                }
                Inspection member = inspectMember(zip, entry, archiveSize, depth, budget);
                if (member instanceof Inspection.Quarantine quarantine) {
                    return quarantine.reason().equals(Inspection.EXECUTABLE)
                            ? new Inspection.Quarantine(Inspection.ARCHIVE_WITH_EXECUTABLE) : quarantine;
                }
                if (member instanceof Inspection.Text memberText && !memberText.text().isBlank()) {
                    text.append("--- ").append(entry.getName()).append(" ---\n").append(memberText.text()).append('\n');
                }
            }
        } catch (IOException e) {
            return new Inspection.Quarantine(Inspection.NOT_INSPECTABLE);
        }
        return new Inspection.Text(text.toString());
    }

    private Inspection inspectMember(ZipFile zip, ZipArchiveEntry entry, long archiveSize, int depth, Budget budget) throws IOException {
        Path member = temporaryFiles.create("postdesk-member");
        try {
            long allowed = Math.min(limits.maxAttachmentBytes(),
                    Math.min(budget.expandedBytesLeft, archiveSize * limits.maxExpansionRatio() - budget.expandedBytes()));
            try (InputStream in = zip.getInputStream(entry)) {
                if (!spool(in, member, Math.max(allowed, 0))) {
                    return new Inspection.Quarantine(allowed < limits.maxAttachmentBytes() ? Inspection.EXPANDS_TOO_MUCH : Inspection.TOO_LARGE);
                }
            }
            budget.expandedBytesLeft -= Files.size(member);
            return inspectFile(member, entry.getName(), depth + 1, budget);
        } finally {
            deleteQuietly(member);
        }
    }

    private static boolean zipHoldsMacros(Path file) {
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            for (Enumeration<ZipArchiveEntry> entries = zip.getEntries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName().toLowerCase(Locale.ROOT);
                if (name.endsWith("vbaproject.bin") || name.startsWith("basic/") && name.endsWith(".xml") && !name.endsWith("script-lc.xml")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false; // not a readable package: the text extraction decides
        }
    }

    private static boolean ole2HoldsMacros(Path file) {
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
            return holdsVba(fs.getRoot());
        } catch (IOException | RuntimeException e) {
            return false; // not a readable OLE2 file: the text extraction decides
        }
    }

    private static boolean holdsVba(DirectoryEntry directory) {
        for (Entry entry : directory) {
            String name = entry.getName();
            if (name.equalsIgnoreCase("_VBA_PROJECT_CUR") || name.equalsIgnoreCase("Macros") || name.equalsIgnoreCase("VBA")) {
                return true;
            }
            if (entry instanceof DirectoryEntry child && holdsVba(child)) {
                return true;
            }
        }
        return false;
    }

    private Inspection extractText(Path file, String fileName, int depth, Budget budget) {
        BodyContentHandler handler = new BodyContentHandler(Math.max(budget.charsLeft, 1));
        Metadata metadata = new Metadata();
        if (fileName != null) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        }
        ParseContext context = new ParseContext();
        context.set(Parser.class, parser);
        EmbeddedDocumentWatch watch = new EmbeddedDocumentWatch(detector, parser, context, depth, limits.maxDepth(), temporaryFiles);
        context.set(EmbeddedDocumentExtractor.class, watch);
        try (TikaInputStream stream = TikaInputStream.get(file)) {
            parser.parse(stream, handler, metadata, context);
        } catch (EncryptedDocumentException e) {
            return new Inspection.Quarantine(AttachmentTypes.isPdf(detectQuietly(file, fileName)) ? Inspection.ENCRYPTED_PDF : Inspection.ENCRYPTED_DOCUMENT);
        } catch (Exception | StackOverflowError | LinkageError e) {
            return new Inspection.Quarantine(WriteLimitReachedException.isWriteLimitReached(e) ? Inspection.TOO_LARGE : Inspection.NOT_INSPECTABLE);
        }
        if (watch.quarantineReason() != null) {
            return new Inspection.Quarantine(watch.quarantineReason());
        }
        if ("true".equalsIgnoreCase(metadata.get(PDF.IS_ENCRYPTED))) {
            return new Inspection.Quarantine(Inspection.ENCRYPTED_PDF);
        }
        String text = handler.toString();
        budget.charsLeft -= text.length();
        return new Inspection.Text(text);
    }

    private MediaType detectQuietly(Path file, String fileName) {
        try {
            return detect(file, fileName);
        } catch (IOException e) {
            return MediaType.OCTET_STREAM;
        }
    }

    /** Copies at most {@code limit} bytes; false when there were more. */
    private static boolean spool(InputStream in, Path to, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(to)) {
            int read;
            while ((read = in.read(buffer)) != -1) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("inspection cancelled");
                }
                total += read;
                if (total > limit) {
                    return false;
                }
                out.write(buffer, 0, read);
            }
        }
        return true;
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
    }

    /** What is left of one attachment's allowance, shared by all its archive members. */
    private static final class Budget {
        private final long maxExpandedBytes;
        long expandedBytesLeft;
        int charsLeft;

        Budget(InspectionLimits limits) {
            this.maxExpandedBytes = limits.maxExpandedBytes();
            this.expandedBytesLeft = limits.maxExpandedBytes();
            this.charsLeft = limits.maxExtractedChars();
        }

        long expandedBytes() {
            return maxExpandedBytes - expandedBytesLeft;
        }
    }
}
