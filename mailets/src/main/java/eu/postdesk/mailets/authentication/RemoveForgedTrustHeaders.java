package eu.postdesk.mailets.authentication;

import jakarta.mail.MessagingException;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Removes what a sender could forge to gain our trust: every {@code X-Postdesk-*} header on the
 * message and on every MIME part (such as {@code X-Postdesk-Fate}, which says whether agents may
 * see an attachment), and every {@code Authentication-Results} header that claims Postdesk's own
 * authserv-id {@code postdesk} or one named in {@code ownAuthservId}. Put it first in the chain of a
 * stock James server, where mail arrives from outside; the Postdesk server does the same itself
 * before any chain runs. Name in {@code ownAuthservId} only ids that no MTA in front of this one
 * writes: the verdicts of a border MTA are recorded by {@link RecordAuthentication}, and that MTA
 * removes forged copies of its own (RFC 8601 section 5).
 *
 * <pre>{@code
 * <mailet match="All" class="eu.postdesk.mailets.authentication.RemoveForgedTrustHeaders">
 *     <!-- optional, comma-separated: further authserv-ids that only this server may claim -->
 *     <ownAuthservId>james.helpdesk.test</ownAuthservId>
 * </mailet>
 * }</pre>
 */
public class RemoveForgedTrustHeaders extends GenericMailet {
    private TrustHeaders trustHeaders;

    @Override
    public void init() {
        Set<String> own = new HashSet<>();
        own.add(TrustHeaders.OWN_AUTHSERV_ID);
        String value = getInitParameter("ownAuthservId");
        if (value != null) {
            Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(own::add);
        }
        trustHeaders = new TrustHeaders(own);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        trustHeaders.removeFrom(mail.getMessage());
    }

    @Override
    public String getMailetInfo() {
        return "Postdesk RemoveForgedTrustHeaders";
    }
}
