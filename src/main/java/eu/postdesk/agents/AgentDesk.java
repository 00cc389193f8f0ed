package eu.postdesk.agents;

import java.util.Optional;

import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.springframework.stereotype.Component;

import eu.postdesk.pipeline.IncomingMail;
import eu.postdesk.pipeline.Outcomes;
import eu.postdesk.tickets.MessageContent;
import eu.postdesk.tickets.ReplyAddress;
import eu.postdesk.tickets.Ticket;
import eu.postdesk.tickets.Tickets;

/**
 * An agent's mail to a ticket's reply address: first the gate (is it a real agent's?), then what
 * the mail does ({@link AnswerByMail}: commands, an internal note, an answer relayed to the
 * customer from the support address without the agent's address or the quoted notification).
 */
@Component
public class AgentDesk {
    private final Agents agents;
    private final Tickets tickets;
    private final Outcomes outcomes;
    private final ReplyAddress replyAddress;
    private final AnswerByMail answerByMail;
    private final AgentVerification verification;
    private final RefusedAnswers refused;

    public AgentDesk(Agents agents, Tickets tickets, Outcomes outcomes, ReplyAddress replyAddress, AnswerByMail answerByMail,
                     AgentVerification verification, RefusedAnswers refused) {
        this.verification = verification;
        this.refused = refused;
        this.agents = agents;
        this.tickets = tickets;
        this.outcomes = outcomes;
        this.replyAddress = replyAddress;
        this.answerByMail = answerByMail;
    }

    public void answer(Mail mail) throws MessagingException {
        long spoolId = IncomingMail.spoolId(mail);
        MessageContent content = MessageContent.of(mail.getMessage());
        Optional<Ticket> ticket = mail.getRecipients().stream().map(MailAddress::asString)
                .map(replyAddress::ticketOf).flatMap(Optional::stream).findFirst().flatMap(tickets::byNumber);
        if (ticket.isEmpty()) {
            outcomes.drop(spoolId, content.from(), "answer to a reply address whose ticket does not exist", null);
            return;
        }
        AgentVerification.Verdict verdict = verification.check(mail, ticket.get(), content);
        if (!verdict.passed()) {
            refused.refuse(spoolId, ticket.get(), content.from(), verdict);
            return;
        }
        if (verdict.addressee().filter(addressee -> !addressee.equals(verdict.agent())).isPresent()) {
            tickets.recordEvent(ticket.get().id(), "answered-at-colleagues-address",
                    "an agent answered at the reply address of a colleague's notification (" + verdict.reason() + ")");
        }
        answerByMail.take(ticket.get(), agents.byAddress(content.from()).orElseThrow(), content, spoolId);
    }
}
