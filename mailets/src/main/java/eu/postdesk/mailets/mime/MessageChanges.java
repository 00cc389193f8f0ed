package eu.postdesk.mailets.mime;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** Saving a rewritten message without losing what threading depends on. */
public final class MessageChanges {
    private MessageChanges() {
    }

    /**
     * Saves the changes; Jakarta Mail would give the message a new Message-ID on save, which would
     * break threading, so the original one is put back.
     */
    public static void save(MimeMessage message) throws MessagingException {
        String[] ids = message.getHeader("Message-ID");
        message.saveChanges();
        if (ids != null && ids.length > 0) {
            message.setHeader("Message-ID", ids[0]);
        } else {
            message.removeHeader("Message-ID");
        }
    }
}
