package eu.postdesk.mailets.tracking;

import eu.postdesk.mailets.mime.MessageChanges;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetException;
import org.apache.mailet.base.GenericMailet;

import java.util.Arrays;
import java.util.List;

/**
 * Removes the headers that ask for a read receipt ({@code Disposition-Notification-To},
 * {@code Return-Receipt-To}, {@code X-Confirm-Reading-To}, {@code Generate-Delivery-Report}), so that
 * nothing downstream tells the sender when an agent opened the message; optionally also headers that
 * identify the sender's machine or network. Counts go to the same attributes as {@link StripTracking}
 * (kinds {@code read-receipt} and {@code sender-header}).
 *
 * <pre>{@code
 * <mailet match="All" class="eu.postdesk.mailets.tracking.RemoveReadReceiptRequests">
 *     <!-- optional, comma-separated; default none -->
 *     <senderHeaders>X-Originating-IP, X-Sender-IP, X-Mailer-Client-IP</senderHeaders>
 * </mailet>
 * }</pre>
 */
public class RemoveReadReceiptRequests extends GenericMailet {
    static final List<String> READ_RECEIPT_HEADERS = List.of(
            "Disposition-Notification-To", "Return-Receipt-To", "X-Confirm-Reading-To", "Generate-Delivery-Report");

    private List<String> senderHeaders;

    @Override
    public void init() throws MessagingException {
        String value = getInitParameter("senderHeaders");
        if (value == null || value.isBlank()) {
            senderHeaders = List.of();
            return;
        }
        senderHeaders = Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        for (String header : senderHeaders) {
            if (!header.matches("[!-9;-~]+")) {
                throw new MailetException("senderHeaders: '" + header + "' is not a header field name");
            }
        }
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        Removals removals = new Removals();
        remove(message, READ_RECEIPT_HEADERS, Removals.READ_RECEIPT, removals);
        remove(message, senderHeaders, Removals.SENDER_HEADER, removals);
        if (!removals.isEmpty()) {
            MessageChanges.save(message);
        }
        TrackingReport.record(mail, removals);
    }

    private static void remove(MimeMessage message, List<String> names, String kind, Removals removals)
            throws MessagingException {
        for (String name : names) {
            String[] values = message.getHeader(name);
            if (values != null) {
                for (int i = 0; i < values.length; i++) {
                    removals.add(kind, null);
                }
                message.removeHeader(name);
            }
        }
    }

    @Override
    public String getMailetInfo() {
        return "Postdesk RemoveReadReceiptRequests";
    }
}
