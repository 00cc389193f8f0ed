package eu.postdesk.mailets.redaction;

import java.time.Duration;

/**
 * Bounds on what attachments may cost to inspect. Beyond any of them the attachment is
 * quarantined: what cannot be inspected is not shown to agents.
 *
 * @param maxAttachmentBytes decoded size of one attachment, and of one archive member
 * @param maxExtractedChars  text extracted from one attachment (archives: all members together)
 * @param maxDepth           nesting of archives and embedded messages inside an attachment
 * @param maxExpansionRatio  bytes unpacked from an archive per byte of the archive
 * @param maxExpandedBytes   bytes unpacked from one archive, all members together
 * @param attachmentTimeout  time to inspect one attachment, parsers included
 * @param messageBudget      time to inspect all attachments of one message together
 * @param threads            inspections running at once, over all messages
 */
record InspectionLimits(long maxAttachmentBytes, int maxExtractedChars, int maxDepth, int maxExpansionRatio, long maxExpandedBytes,
                        Duration attachmentTimeout, Duration messageBudget, int threads) {
    static final InspectionLimits DEFAULTS = new InspectionLimits(100L << 20, 10_000_000, 5, 100, 200L << 20,
            Duration.ofSeconds(120), Duration.ofSeconds(180), Math.max(2, Runtime.getRuntime().availableProcessors()));
}
