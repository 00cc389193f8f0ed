package eu.postdesk.mailets;

import org.apache.mailet.AttributeName;

/**
 * The names of the Mail attributes through which Postdesk's mailets report what they did. The
 * server stores them with the message; in a stock James server other mailets may read them.
 * Reports never carry a detected value, only kinds, counts and places.
 */
public final class PostdeskAttributes {
    /** {@code Map<String, Integer>}: trackers removed by kind (pixel, click-wrapper, parameter, header, ...). */
    public static final AttributeName TRACKERS_BY_KIND = AttributeName.of("postdesk.tracking.byKind");
    /** {@code Map<String, Integer>}: trackers removed by service name (Mailchimp, HubSpot, ...). */
    public static final AttributeName TRACKERS_BY_SERVICE = AttributeName.of("postdesk.tracking.byService");
    /** {@code Map<String, Integer>}: findings redacted by kind (PESEL, CARD, PASSWORD, ...). */
    public static final AttributeName REDACTIONS_BY_KIND = AttributeName.of("postdesk.redaction.byKind");
    /** {@code Map<String, Integer>}: findings redacted by place: {@code subject}, {@code body}, {@code attachment:NAME}. */
    public static final AttributeName REDACTIONS_BY_LOCATION = AttributeName.of("postdesk.redaction.byLocation");
    /** {@code Boolean}: the redaction mailet could not finish on this message; it must not reach agents as it is. */
    public static final AttributeName REDACTION_FAILED = AttributeName.of("postdesk.redaction.failed");
    /** {@code String}: why a message is noise (auto-reply, bounce, bulk, loop); set by the noise matchers' mailet. */
    public static final AttributeName NOISE_REASON = AttributeName.of("postdesk.noise.reason");
    /** {@code Boolean}: the message came through a mailing list and must never be auto-answered (RFC 3834). */
    public static final AttributeName NO_AUTO_REPLY = AttributeName.of("postdesk.noAutoReply");
    /** {@code String}: what the message adds, without quoted history and signature; set by {@code ExtractNewText}. */
    public static final AttributeName NEW_TEXT = AttributeName.of("postdesk.newText");
    /** {@code String}: the sender authentication verdict recorded before any rewrite. */
    public static final AttributeName AUTHENTICATION = AttributeName.of("postdesk.authentication");
    /** {@code Boolean}: the sanitised HTML still refers to remote images, which clients must not load unasked. */
    public static final AttributeName HTML_REMOTE_CONTENT = AttributeName.of("postdesk.html.remoteContent");

    /**
     * MIME part header that the redaction mailet sets on each attachment it handled:
     * {@code kept}, {@code redacted} or {@code quarantined}, optionally followed by
     * {@code ; reason="..."}. The server lists attachments with this fate.
     */
    public static final String ATTACHMENT_FATE_HEADER = "X-Postdesk-Fate";

    private PostdeskAttributes() {
    }
}
