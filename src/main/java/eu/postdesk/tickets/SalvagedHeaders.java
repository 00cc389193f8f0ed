package eu.postdesk.tickets;

import java.util.ArrayList;
import java.util.List;

/**
 * The headers of a customer's message made to fit what we store, so that an odd but readable
 * message still becomes a ticket instead of rolling its filing back. Each column's bound lives
 * here once; what had to be cut or normalised is noted in words, never by quoting the value (an
 * address or a Message-ID is personal data). The raw message stays sealed as it arrived.
 */
public record SalvagedHeaders(String messageId, String sender, List<String> notes) {
    static final int MESSAGE_ID_COLUMN = 998;
    static final int ADDRESS_COLUMN = 512;
    static final int CONTENT_TYPE_COLUMN = 255;
    static final String UNKNOWN_CONTENT_TYPE = "application/octet-stream";

    /** Fits the message's Message-ID and its sender (From, else the envelope sender) to their columns. */
    public static SalvagedHeaders of(MessageContent message, String sender) {
        List<String> notes = new ArrayList<>();
        String messageId = messageId(message.messageId(), notes);
        String fittedSender = sender;
        if (sender != null && sender.length() > ADDRESS_COLUMN) {
            fittedSender = sender.substring(0, ADDRESS_COLUMN);
            notes.add("the sender's address is longer than " + ADDRESS_COLUMN + " characters and is stored cut");
        }
        for (MessageContent.Attachment attachment : message.attachments()) {
            if (attachment.contentType() != null && attachment.contentType().length() > CONTENT_TYPE_COLUMN) {
                notes.add("an attachment's content type is longer than " + CONTENT_TYPE_COLUMN + " characters and is stored as "
                        + UNKNOWN_CONTENT_TYPE);
            }
        }
        return new SalvagedHeaders(messageId, fittedSender, notes.stream().distinct().toList());
    }

    /** An attachment's content type as stored: one too long for its column says only that it is bytes. */
    public static String contentType(String type) {
        return type == null || type.length() > CONTENT_TYPE_COLUMN ? UNKNOWN_CONTENT_TYPE : type;
    }

    /**
     * Several Message-IDs in one header (or several Message-ID headers, which the reader joins)
     * keep the first; a value that holds no id and does not fit is dropped, and dedupe by
     * Message-ID then does not apply to this message.
     */
    private static String messageId(String header, List<String> notes) {
        if (header == null) {
            return null;
        }
        List<String> ids = MessageContent.ids(header);
        if (ids.size() > 1) {
            notes.add("the Message-ID header holds " + ids.size() + " ids; the first is kept");
            return ids.get(0);
        }
        if (header.length() > MESSAGE_ID_COLUMN) {
            notes.add("the Message-ID header is longer than " + MESSAGE_ID_COLUMN + " characters"
                    + (ids.isEmpty() ? " and holds no id; it is not kept" : "; its id is kept"));
            return ids.isEmpty() ? null : ids.get(0);
        }
        return header;
    }
}
