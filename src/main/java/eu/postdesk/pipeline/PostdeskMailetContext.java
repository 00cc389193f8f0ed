package eu.postdesk.pipeline;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.mailet.HostAddress;
import org.apache.mailet.LookupException;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.ingress.Mailboxes;
import eu.postdesk.outbound.Outbox;

/**
 * What the mailets see of the server. Mail a mailet sends goes through the outbox like all our
 * mail; Postdesk does no DNS and no bouncing (it never sends mail back to unverified senders).
 */
@Component
class PostdeskMailetContext implements MailetContext {
    private static final Logger log = LoggerFactory.getLogger("eu.postdesk.mailets");

    private final PostdeskProperties properties;
    private final Mailboxes mailboxes;
    private final Outbox outbox;
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();

    PostdeskMailetContext(PostdeskProperties properties, Mailboxes mailboxes, Outbox outbox) {
        this.properties = properties;
        this.mailboxes = mailboxes;
        this.outbox = outbox;
    }

    @Override public int getMajorVersion() { return 3; }
    @Override public int getMinorVersion() { return 9; }
    @Override public String getServerInfo() { return "Postdesk"; }
    @Override public Iterator<String> getAttributeNames() { return attributes.keySet().iterator(); }
    @Override public Object getAttribute(String name) { return attributes.get(name); }
    @Override public void setAttribute(String name, Object value) { attributes.put(name, value); }
    @Override public void removeAttribute(String name) { attributes.remove(name); }
    @Override public void log(String message) { log.info(message); }
    @Override public void log(String message, Throwable t) { log.warn(message, t); }
    @Override public void log(LogLevel level, String message) { log.info(message); }
    @Override public void log(LogLevel level, String message, Throwable t) { log.warn(message, t); }
    @Override public Logger getLogger() { return log; }

    @Override
    public MailAddress getPostmaster() {
        try {
            return new MailAddress("postmaster@" + properties.effectiveReplyDomain());
        } catch (AddressException e) {
            throw new IllegalStateException("postdesk.reply-domain is not a domain", e);
        }
    }

    @Override
    public boolean isLocalServer(Domain domain) {
        return mailboxes.supportAddresses().stream().anyMatch(a -> a.endsWith("@" + domain.asString()))
                || properties.effectiveReplyDomain().equals(domain.asString());
    }

    @Override
    public boolean isLocalUser(String user) {
        return mailboxes.accepts(user);
    }

    @Override
    public boolean isLocalEmail(MailAddress address) {
        return address != null && mailboxes.accepts(address.asString());
    }

    @Override
    public Collection<String> getMailServers(Domain domain) {
        return List.of();
    }

    @Override
    public Iterator<HostAddress> getSMTPHostAddresses(Domain domain) {
        return List.<HostAddress>of().iterator();
    }

    @Override
    public List<String> dnsLookup(String name, RecordType type) throws LookupException {
        throw new LookupException("Postdesk's mailet container does no DNS lookups");
    }

    /** Where every mail a mailet sends goes: the outbox (a replay's context only counts it). */
    protected void deliver(String sender, String recipient, MimeMessage message) throws MessagingException {
        outbox.enqueue("mailet", null, sender, recipient, message);
    }

    @Override
    public void sendMail(MimeMessage message) throws MessagingException {
        for (var recipient : message.getAllRecipients()) {
            deliver(properties.primarySupportAddress(), recipient.toString(), message);
        }
    }

    @Override
    public void sendMail(MailAddress sender, Collection<MailAddress> recipients, MimeMessage message) throws MessagingException {
        for (MailAddress recipient : recipients) {
            deliver(sender == null ? properties.primarySupportAddress() : sender.asString(), recipient.asString(), message);
        }
    }

    @Override
    public void sendMail(MailAddress sender, Collection<MailAddress> recipients, MimeMessage message, String state) throws MessagingException {
        sendMail(sender, recipients, message);
    }

    @Override
    public void sendMail(Mail mail) throws MessagingException {
        sendMail(mail.getMaybeSender().asOptional().orElse(null), mail.getRecipients(), mail.getMessage());
    }

    @Override
    public void sendMail(Mail mail, long delay, TimeUnit unit) throws MessagingException {
        sendMail(mail);
    }

    @Override
    public void sendMail(Mail mail, String state) throws MessagingException {
        sendMail(mail);
    }

    @Override
    public void sendMail(Mail mail, String state, long delay, TimeUnit unit) throws MessagingException {
        sendMail(mail);
    }

    @Override
    public void bounce(Mail mail, String message) {
        log.info("a mailet asked to bounce {}; Postdesk does not bounce to unverified senders", mail.getName());
    }

    @Override
    public void bounce(Mail mail, String message, MailAddress bouncer) {
        bounce(mail, message);
    }
}
