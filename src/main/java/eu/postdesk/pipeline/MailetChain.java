package eu.postdesk.pipeline;

import org.apache.mailet.Mail;

/**
 * The operator's chain of matchers and mailets that every spooled message runs through. Returns
 * when the message has reached its end: filed, quarantined, dropped with a reason, or ghosted.
 */
public interface MailetChain {
    void service(Mail mail) throws Exception;
}
