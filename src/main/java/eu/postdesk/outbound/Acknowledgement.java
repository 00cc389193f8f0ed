package eu.postdesk.outbound;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.MessagingException;

import org.springframework.stereotype.Component;

import eu.postdesk.ConfFiles;
import eu.postdesk.PostdeskProperties;
import eu.postdesk.tickets.MessageContent;
import eu.postdesk.tickets.Ticket;

/**
 * The acknowledgement a customer gets when a ticket opens: from the support address, in the
 * customer's language, with the ticket tag in the subject, threaded to their message, marked
 * {@code Auto-Submitted: auto-replied} (RFC 3834) so that well-behaved auto-responders stay quiet.
 * Templates are {@code conf/templates/acknowledgement.<language>.txt}, loaded once.
 */
@Component
public class Acknowledgement {
    private final PostdeskProperties properties;
    private final Map<String, String> templates = new HashMap<>();

    public Acknowledgement(PostdeskProperties properties, ConfFiles conf) {
        this.properties = properties;
        for (String language : CustomerLanguage.supported()) {
            conf.text("templates/acknowledgement." + language + ".txt").ifPresent(text -> templates.put(language, text));
        }
        if (!templates.containsKey(CustomerLanguage.FALLBACK)) {
            throw new IllegalStateException("conf/templates/acknowledgement.en.txt is missing: the acknowledgement needs at least the English template");
        }
    }

    /**
     * The acknowledgement of {@code customerMessage}, threaded to {@code customerMessageId}: its
     * Message-ID as filed (one id, fitted to what we store), not the header as the customer wrote it.
     */
    public Letter write(Ticket ticket, MessageContent customerMessage, String customerMessageId, String recipient) throws MessagingException {
        String template = templates.getOrDefault(ticket.language(), templates.get(CustomerLanguage.FALLBACK));
        List<String> references = new ArrayList<>(customerMessage.references());
        if (customerMessageId != null) {
            references.add(customerMessageId);
        }
        String support = properties.primarySupportAddress();
        Letter letter = Letter.of("ack", ticket.number(), properties.effectiveReplyDomain());
        letter.from(support, null, support)
                .to(recipient)
                .subject("[#" + ticket.number() + "] " + ticket.subject())
                .threadedTo(customerMessageId, references)
                .header("Auto-Submitted", "auto-replied")
                .header("X-Auto-Response-Suppress", "All")
                .header("Content-Language", ticket.language() == null ? CustomerLanguage.FALLBACK : ticket.language())
                .text(template.replace("{number}", Long.toString(ticket.number())));
        return letter;
    }
}
