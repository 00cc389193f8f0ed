package eu.postdesk.authentication;

import java.io.InputStream;
import java.time.Duration;

import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.pipeline.IncomingMail;
import eu.postdesk.spool.Spool;

/**
 * Runs {@link SenderAuthentication} on every message before the chain, when
 * {@code postdesk.authentication} is {@code on}, or {@code auto} (the default) and either DNS
 * answers from here at start or a test gave its own resolver. A check that cannot run (DNS gone,
 * an unreadable message) records nothing and the message goes on: it is then simply not
 * authenticated by us.
 */
@Component
public class InboundAuthentication {
    private static final Logger log = LoggerFactory.getLogger(InboundAuthentication.class);

    private final boolean enabled;
    private final SenderAuthentication checks;
    private final Spool spool;

    public InboundAuthentication(PostdeskProperties properties, DnsRecords dns, DkimVerification dkim, Spool spool) {
        this.spool = spool;
        this.checks = new SenderAuthentication(dns, dkim);
        this.enabled = switch (properties.getAuthentication()) {
            case "on" -> true;
            case "off" -> false;
            default -> !(dns instanceof SystemDns) || SystemDns.reachable(Duration.ofSeconds(2));
        };
        log.info("postdesk.authentication={}: Postdesk {} SPF, DKIM and DMARC of inbound mail itself", properties.getAuthentication(),
                enabled ? "checks" : "does not check");
    }

    public boolean enabled() {
        return enabled;
    }

    /** Adds our {@code Authentication-Results} to the mail's message; call before any mailet runs. */
    public void record(Mail mail) {
        if (!enabled) {
            return;
        }
        long spoolId = IncomingMail.spoolId(mail);
        try (InputStream raw = spool.raw(spoolId)) {
            checks.record(mail.getMessage(), raw, IncomingMail.sender(mail));
        } catch (Exception e) {
            log.warn("sender authentication of spooled message {} could not run: {}", spoolId, e.getClass().getName());
        }
    }
}
