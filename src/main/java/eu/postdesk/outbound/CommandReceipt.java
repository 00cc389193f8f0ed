package eu.postdesk.outbound;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.mail.MessagingException;

import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.tickets.ReplyAddress;
import eu.postdesk.tickets.Ticket;
import eu.postdesk.tickets.TicketChange;

/**
 * What an agent hears back about the commands in their mail: a short confirmation of what changed
 * ({@code postdesk.agents[i].confirmations}), or the refusal of a mail with a bad command line,
 * which names the line and carries the agent's text back so that nothing is lost. Both come from
 * the support address with {@code Reply-To} the ticket's reply address, marked auto-generated.
 */
@Component
public class CommandReceipt {
    private final PostdeskProperties properties;
    private final ReplyAddress replyAddress;

    public CommandReceipt(PostdeskProperties properties, ReplyAddress replyAddress) {
        this.properties = properties;
        this.replyAddress = replyAddress;
    }

    public Letter confirmation(Ticket ticket, String agent, List<TicketChange> changes, boolean relayed) throws MessagingException {
        String what = changes.stream().map(c -> "- " + c.field() + ": " + shown(c.oldValue()) + " -> " + shown(c.newValue()))
                .collect(Collectors.joining("\n"));
        return letter("confirm", ticket, agent, "[#" + ticket.number() + "] changed: "
                        + changes.stream().map(TicketChange::field).distinct().collect(Collectors.joining(", ")),
                "Your mail changed ticket [#" + ticket.number() + "]:\n" + what + "\n\n"
                        + (relayed ? "Your answer was sent to the customer.\n" : "Nothing was sent to the customer.\n"));
    }

    public Letter refusal(Ticket ticket, String agent, int lineNumber, String line, String reason, String text) throws MessagingException {
        return letter("refusal", ticket, agent, "[#" + ticket.number() + "] not applied: line " + lineNumber + " is not a valid command",
                "Your mail to ticket [#" + ticket.number() + "] was not applied: nothing was changed and nothing was sent to the customer.\n\n"
                        + "Line " + lineNumber + ": " + line + "\n" + reason + "\n\n"
                        + "Correct the line and send your mail again; your text follows.\n"
                        + "------------------------------------------------------------\n\n" + text);
    }

    private Letter letter(String kind, Ticket ticket, String agent, String subject, String text) throws MessagingException {
        String support = properties.primarySupportAddress();
        Letter letter = Letter.of(kind, ticket.number(), properties.effectiveReplyDomain());
        letter.from(support, "Postdesk", support)
                .to(agent)
                .replyTo(replyAddress.of(ticket.number(), agent))
                .subject(subject)
                .header("Auto-Submitted", "auto-generated")
                .text(text);
        return letter;
    }

    private static String shown(String value) {
        return value == null ? "nobody" : value;
    }
}
