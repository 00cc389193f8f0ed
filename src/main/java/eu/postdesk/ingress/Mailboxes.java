package eu.postdesk.ingress;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.tickets.ReplyAddress;

/** The addresses Postdesk accepts mail for: its support addresses and genuine reply and rating addresses. No open relay. */
@Component
public class Mailboxes {
    private final Set<String> supportAddresses;
    private final ReplyAddress replyAddress;
    private final eu.postdesk.satisfaction.RatingAddress ratingAddress;
    private final eu.postdesk.privacy.ConfirmationAddress confirmationAddress;

    public Mailboxes(PostdeskProperties properties, ReplyAddress replyAddress, eu.postdesk.satisfaction.RatingAddress ratingAddress,
                     eu.postdesk.privacy.ConfirmationAddress confirmationAddress) {
        this.ratingAddress = ratingAddress;
        this.confirmationAddress = confirmationAddress;
        this.supportAddresses = properties.getSupportAddresses().stream()
                .map(a -> a.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.replyAddress = replyAddress;
    }

    public boolean accepts(String address) {
        return isSupportAddress(address) || replyAddress.ticketOf(address).isPresent() || ratingAddress.ticketOf(address).isPresent()
                || confirmationAddress.tokenOf(address).isPresent();
    }

    public boolean isSupportAddress(String address) {
        return address != null && supportAddresses.contains(address.trim().toLowerCase(Locale.ROOT));
    }

    public Set<String> supportAddresses() {
        return supportAddresses;
    }
}
