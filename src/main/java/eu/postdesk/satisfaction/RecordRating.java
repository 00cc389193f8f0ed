package eu.postdesk.satisfaction;

import java.util.Optional;

import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.springframework.transaction.support.TransactionTemplate;

import eu.postdesk.mailets.quoting.QuotedHistory;
import eu.postdesk.pipeline.IncomingMail;
import eu.postdesk.spool.Spool;
import eu.postdesk.tickets.MessageContent;
import eu.postdesk.tickets.Ticket;
import eu.postdesk.tickets.Tickets;

/**
 * Records a customer's answer to a satisfaction request as the ticket's rating, and ends its way
 * through the chain: a rating never reopens a ticket and is never relayed. An answer that holds
 * no rating (or comes from someone who is not on the ticket) goes on to the next mailet, which
 * files it as a normal customer message. Runs after the privacy mailets, so the comment is kept
 * as agents may see it.
 *
 * <pre>{@code
 * <processor state="rating">
 *     <mailet match="All" class="RecordRating"/>
 *     <mailet match="All" class="FileIntoTicket"><acknowledge>false</acknowledge></mailet>
 * </processor>
 * }</pre>
 */
public class RecordRating extends GenericMailet {
    private final RatingAddress ratingAddress;
    private final Tickets tickets;
    private final Satisfaction satisfaction;
    private final Spool spool;
    private final TransactionTemplate transaction;
    private final QuotedHistory quotedHistory = QuotedHistory.withDefaults();

    public RecordRating(RatingAddress ratingAddress, Tickets tickets, Satisfaction satisfaction, Spool spool, TransactionTemplate transaction) {
        this.ratingAddress = ratingAddress;
        this.tickets = tickets;
        this.satisfaction = satisfaction;
        this.spool = spool;
        this.transaction = transaction;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        Optional<Ticket> ticket = mail.getRecipients().stream().map(MailAddress::asString).map(ratingAddress::ticketOf)
                .flatMap(Optional::stream).findFirst().flatMap(tickets::byNumber);
        if (ticket.isEmpty()) {
            return;
        }
        MessageContent content = MessageContent.of(mail.getMessage());
        String sender = content.from() != null ? content.from() : mail.getMaybeSender().asOptional().map(MailAddress::asString).orElse(null);
        if (!tickets.isParticipant(ticket.get().id(), sender)) {
            return;
        }
        String newText = content.text() != null ? quotedHistory.newText(content.text())
                : content.html() != null ? quotedHistory.newTextFromHtml(content.html()) : null;
        Optional<Rating> rating = Rating.in(newText);
        if (rating.isEmpty()) {
            return;
        }
        long spoolId = IncomingMail.spoolId(mail);
        transaction.executeWithoutResult(status -> {
            satisfaction.rate(ticket.get(), rating.get());
            spool.settle(spoolId, "rated", "satisfaction rating on ticket " + ticket.get().number());
        });
        mail.setState(Mail.GHOST);
    }

    @Override
    public String getMailetInfo() {
        return "RecordRating";
    }
}
