package eu.postdesk.mailets.redaction;

import org.apache.commons.io.input.CloseShieldInputStream;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TemporaryResources;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.EmbeddedContentHandler;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

import java.io.IOException;
import java.io.InputStream;

/**
 * Parses the documents embedded in a mail, office file or non-zip archive like the rest, but first
 * looks at each one's real type: an executable, a macro file or an encrypted document inside
 * quarantines the whole attachment, and so does nesting deeper than the limit. One per parse.
 */
final class EmbeddedDocumentWatch implements EmbeddedDocumentExtractor {
    private final Detector detector;
    private final Parser parser;
    private final ParseContext context;
    private final int maxDepth;
    private final TemporaryFiles temporaryFiles;
    private int depth;
    private String quarantineReason;

    EmbeddedDocumentWatch(Detector detector, Parser parser, ParseContext context, int depth, int maxDepth, TemporaryFiles temporaryFiles) {
        this.temporaryFiles = temporaryFiles;
        this.detector = detector;
        this.parser = parser;
        this.context = context;
        this.depth = depth;
        this.maxDepth = maxDepth;
    }

    /** Why the attachment must be quarantined because of what it embeds, or null. */
    String quarantineReason() {
        return quarantineReason;
    }

    @Override
    public boolean shouldParseEmbedded(Metadata metadata) {
        return quarantineReason == null;
    }

    @Override
    public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml) throws SAXException, IOException {
        if (quarantineReason != null) {
            return;
        }
        if (depth + 1 > maxDepth) {
            quarantineReason = Inspection.TOO_DEEP;
            return;
        }
        String name = metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY);
        // The shield keeps the container's stream open; closing ours frees any temporary file Tika made.
        try (TemporaryResources scratch = temporaryFiles.forTika();
             TikaInputStream embedded = TikaInputStream.get(CloseShieldInputStream.wrap(stream), scratch, metadata)) {
            MediaType type = detector.detect(embedded, metadata);
            if (AttachmentTypes.isExecutable(type, name)) {
                quarantineReason = Inspection.ARCHIVE_WITH_EXECUTABLE;
                return;
            }
            if (AttachmentTypes.declaresMacros(type, name)) {
                quarantineReason = Inspection.MACROS;
                return;
            }
            depth++;
            try {
                parser.parse(embedded, new EmbeddedContentHandler(new BodyContentHandler(handler)), metadata, context);
            } catch (EncryptedDocumentException e) {
                quarantineReason = Inspection.ENCRYPTED_DOCUMENT;
            } catch (TikaException e) {
                if (!AttachmentTypes.isImage(type)) {
                    // What we could not read inside may be what we should have hidden.
                    quarantineReason = Inspection.NOT_INSPECTABLE;
                }
            } finally {
                depth--;
            }
        }
    }
}
