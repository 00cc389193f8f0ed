package eu.postdesk.agents;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.authentication.DkimVerification;
import eu.postdesk.mailets.authentication.AuthenticationResults;
import eu.postdesk.spool.Spool;
import eu.postdesk.tickets.MessageContent;
import eu.postdesk.tickets.ReplyAddress;
import eu.postdesk.tickets.Ticket;

/**
 * Whether mail to a ticket's reply address is an agent's: only when (a) the reply address is the
 * one made for this ticket and an agent (each notification carries its own), (b) {@code From} is
 * that agent (or another configured agent when {@code postdesk.agents-may-forward}), and (c) the
 * mail is authenticated by the policy of the agent's domain ({@code postdesk.agent-verification[domain]}):
 * {@code token+dkim} (the default) wants SMTP AUTH on the submission listener, a DKIM signature of
 * that domain that verifies, or an {@code Authentication-Results} of a trusted authserv-id saying
 * {@code dkim=pass} or {@code dmarc=pass} for it; {@code token-only} takes the reply token alone
 * (and so, with no proof of who wrote, also an answer of another configured agent at a colleague's
 * reply address: the From that (b) compares is not proven under it).
 * Reasons name the ticket and the rule, never the sender's address or the content.
 */
@Component
public class AgentVerification {
    private static final Logger log = LoggerFactory.getLogger(AgentVerification.class);

    private final Agents agents;
    private final ReplyAddress replyAddress;
    private final PostdeskProperties properties;
    private final Spool spool;
    private final DkimVerification dkim;
    private final AuthenticationResults trustedResults;

    public AgentVerification(Agents agents, ReplyAddress replyAddress, PostdeskProperties properties, Spool spool, DkimVerification dkim) {
        this.agents = agents;
        this.replyAddress = replyAddress;
        this.properties = properties;
        this.spool = spool;
        this.dkim = dkim;
        this.trustedResults = new AuthenticationResults(properties.getTrustedAuthservIds());
        properties.getAgentVerification().forEach((domain, policy) -> {
            if ("token-only".equals(properties.agentVerificationFor(domain))) {
                log.warn("postdesk.agent-verification[{}]=token-only: mail from that domain's agents is taken as theirs on the reply "
                        + "token and From alone, which anyone who sees a notification can copy; prefer token+dkim", domain);
            }
        });
    }

    /**
     * The gate's answer. {@code agent} is the configured agent who speaks when it passed;
     * {@code addressee} is whom the reply address was made for (told when it failed), when known.
     */
    public record Verdict(boolean passed, String agent, Optional<String> addressee, String reason) {
        static Verdict pass(String agent, Optional<String> addressee, String how) {
            return new Verdict(true, agent, addressee, how);
        }

        static Verdict fail(Optional<String> addressee, String reason) {
            return new Verdict(false, null, addressee, reason);
        }
    }

    public Verdict check(Mail mail, Ticket ticket, MessageContent content) throws MessagingException {
        long number = ticket.number();
        Optional<String> addressee = mail.getRecipients().stream().map(MailAddress::asString)
                .filter(r -> replyAddress.ticketOf(r).filter(n -> n == number).isPresent())
                .map(replyAddress::agentOf).flatMap(Optional::stream).findFirst();
        Optional<PostdeskProperties.Agent> sender = agents.byAddress(content.from());
        if (sender.isEmpty()) {
            return Verdict.fail(addressee, "answer to ticket " + number + " from a non-agent: not relayed");
        }
        String from = sender.get().getAddress().strip().toLowerCase(Locale.ROOT);
        if (addressee.isEmpty()) {
            return Verdict.fail(addressee, "answer to ticket " + number + " at a reply address made for no agent "
                    + "(an older notification's, or one sent to a shared address): not relayed");
        }
        String domain = from.substring(from.indexOf('@') + 1);
        // Under token-only the From is not authenticated, so binding the address to its agent proves
        // nothing: whoever holds a colleague's notification can write its To address as From. The
        // token alone decides (what token-only says), and the answer is recorded as given at a
        // colleague's address. With authentication, the binding holds unless the team forwards.
        boolean tokenOnly = "token-only".equals(properties.agentVerificationFor(domain));
        if (!addressee.get().equals(from) && !properties.isAgentsMayForward() && !tokenOnly) {
            return Verdict.fail(addressee, "answer to ticket " + number + " from another agent than the one its reply address was made for: "
                    + "not relayed (postdesk.agents-may-forward is off)");
        }
        Optional<String> authenticated = authenticated(mail, from, domain);
        if (authenticated.isEmpty()) {
            return Verdict.fail(addressee, "answer to ticket " + number + " not authenticated for " + domain
                    + " (no SMTP AUTH, no DKIM signature of the domain that verifies, no dkim=pass or dmarc=pass from a trusted "
                    + "authserv-id; postdesk.agent-verification[" + domain + "] is token+dkim): not relayed");
        }
        return Verdict.pass(from, addressee, authenticated.get());
    }

    /** How the mail is authenticated for the agent's domain, by its policy; empty when it is not. */
    private Optional<String> authenticated(Mail mail, String from, String domain) throws MessagingException {
        if ("token-only".equals(properties.agentVerificationFor(domain))) {
            return Optional.of("token-only");
        }
        long spoolId = eu.postdesk.pipeline.IncomingMail.spoolId(mail);
        if (spool.submittedBy(spoolId).filter(from::equalsIgnoreCase).isPresent()) {
            return Optional.of("smtp-auth");
        }
        if (trustedPass(mail.getMessage().getHeader("Authentication-Results"), domain)) {
            return Optional.of("authentication-results");
        }
        try (InputStream raw = spool.raw(spoolId)) {
            DkimVerification.Outcome outcome = dkim.verify(raw);
            if (outcome.passedFor(domain)) {
                return Optional.of("dkim");
            }
        } catch (IOException | RuntimeException e) {
            log.warn("DKIM verification of spooled message {} failed: {}", spoolId, e.getClass().getName());
        }
        return Optional.empty();
    }

    /** {@code dkim=pass} with header.d (or header.i) of the domain, or {@code dmarc=pass} with header.from the domain. */
    private boolean trustedPass(String[] headers, String domain) {
        List<AuthenticationResults.Result> results = trustedResults.allTrusted(headers);
        for (AuthenticationResults.Result result : results) {
            if (!"pass".equals(result.result())) {
                continue;
            }
            if ("dkim".equals(result.method()) && (domain.equalsIgnoreCase(result.property("header.d"))
                    || domainOf(result.property("header.i")).equalsIgnoreCase(domain))) {
                return true;
            }
            if ("dmarc".equals(result.method()) && domain.equalsIgnoreCase(result.property("header.from"))) {
                return true;
            }
        }
        return false;
    }

    private static String domainOf(String identity) {
        return identity == null ? "" : identity.substring(identity.indexOf('@') + 1);
    }
}
