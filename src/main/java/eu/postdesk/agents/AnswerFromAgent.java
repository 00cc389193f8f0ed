package eu.postdesk.agents;

import jakarta.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/**
 * Takes an agent's answer sent to a ticket's reply address: verifies the agent, removes the quoted
 * notification, records the answer on the ticket and relays it to the customer from the support
 * address. An answer from anyone who is not a configured agent is not relayed; it is recorded as
 * rejected on the ticket.
 *
 * <pre>{@code
 * <processor state="agent-answer">
 *     <mailet match="All" class="AnswerFromAgent"/>
 * </processor>
 * }</pre>
 */
public class AnswerFromAgent extends GenericMailet {
    private final AgentDesk desk;

    public AnswerFromAgent(AgentDesk desk) {
        this.desk = desk;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (eu.postdesk.pipeline.DryRun.isOn(mail)) {
            eu.postdesk.pipeline.DryRun.report(mail, "agent-answer", "an answer to a ticket's reply address: verified, recorded and relayed, or recorded as rejected");
            return;
        }
        desk.answer(mail);
        mail.setState(Mail.GHOST);
    }

    @Override
    public String getMailetInfo() {
        return "AnswerFromAgent";
    }
}
