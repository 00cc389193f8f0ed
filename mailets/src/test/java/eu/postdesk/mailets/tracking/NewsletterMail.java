package eu.postdesk.mailets.tracking;

import eu.postdesk.mailets.Messages;
import eu.postdesk.mailets.PostdeskAttributes;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;

import java.util.Map;

/** A newsletter a customer forwards to support, run through a freshly started {@link StripTracking}. */
record NewsletterMail(String html, byte[] before, byte[] after, Map<String, Integer> byKind, Map<String, Integer> byService) {

    static NewsletterMail stripped(String fragment) throws Exception {
        String raw = """
                From: Anna <anna@customer.example>
                To: support@helpdesk.test
                Subject: Fwd: our newsletter
                Message-ID: <fwd-1@customer.example>
                MIME-Version: 1.0
                Content-Type: text/html; charset=UTF-8

                <html><body><p>Order 4711 did not arrive.</p>%s<p>Anna</p></body></html>
                """.formatted(fragment);
        StripTracking mailet = new StripTracking();
        mailet.init(FakeMailetConfig.builder().mailetName("StripTracking").build());
        FakeMail mail = FakeMail.builder().name("m").mimeMessage(Messages.parse(raw)).recipient("support@helpdesk.test").build();
        byte[] before = Messages.bytes(Messages.parse(raw));

        mailet.service(mail);

        return new NewsletterMail(Messages.html(Messages.roundTrip(mail.getMessage())).getFirst(), before, Messages.bytes(mail.getMessage()),
                TrackingReport.counts(mail, PostdeskAttributes.TRACKERS_BY_KIND),
                TrackingReport.counts(mail, PostdeskAttributes.TRACKERS_BY_SERVICE));
    }

    boolean untouched() {
        return java.util.Arrays.equals(before, after) && byKind.isEmpty();
    }
}
