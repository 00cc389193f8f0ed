package eu.postdesk.pipeline;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/** A mailet that fails as Jakarta Mail does on a bad address: its exception quotes the From header. */
public class RejectHeaderSender extends GenericMailet {
    @Override
    public void service(Mail mail) throws MessagingException {
        String from = mail.getMessage().getHeader("From", null);
        throw new AddressException("Local address contains illegal character: " + from, from, 0);
    }
}
