package eu.postdesk.tickets;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * Decides which ticket a customer's message belongs to. A reply naming a Message-ID we know joins
 * that ticket; a reply whose headers were stripped joins by the subject tag {@code [#N]}, but only
 * when its sender already takes part in ticket N: a stranger quoting someone else's number opens
 * a new ticket, and the attempt is recorded on the ticket it named.
 */
@Component
public class Threading {
    private static final Pattern TAG = Pattern.compile("\\[#(\\d{1,18})]");
    /** How many of the Message-IDs a message names are looked up. */
    static final int MAX_NAMED_IDS = 100;

    private final Tickets tickets;

    /**
     * Reply and forward prefixes of the languages we answer in and their neighbours (Re, AW, SV, Odp,
     * Fwd, FW, WG, VS, VB, VL, Antw, Atb, Pārs, TR, RV), repeated, counted ({@code Re[2]:}, {@code Re(3):}) or spaced.
     */
    private static final Pattern PREFIXES = Pattern.compile(
            "^(?:\\s*(?:re|aw|sv|vs|vb|vl|odp|pd|fwd?|wg|antw|doorst|atb|p\u0101rs|tr|rv)\\s*(?:\\[\\d{1,4}]|\\(\\d{1,4}\\))?\\s*[:\uff1a])+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    public Threading(Tickets tickets) {
        this.tickets = tickets;
    }

    /** The existing ticket this message continues, or empty for a new conversation. */
    public Optional<Ticket> ticketFor(MessageContent message, String sender) {
        return ticketFor(message, sender, false);
    }

    /**
     * As {@link #ticketFor(MessageContent, String)}; {@code unprovenSender} when the From failed
     * DMARC by our own check: then the sender is no participant of any ticket, whoever the From names.
     */
    public Optional<Ticket> ticketFor(MessageContent message, String sender, boolean unprovenSender) {
        Optional<Ticket> byHeaders = tickets.ticketOfMessageIds(namedIds(message)).flatMap(tickets::byId);
        if (byHeaders.isPresent()) {
            return byHeaders;
        }
        Matcher tag = TAG.matcher(message.subject());
        while (tag.find()) {
            Optional<Ticket> tagged = tickets.byNumber(Long.parseLong(tag.group(1)));
            if (tagged.isEmpty()) {
                continue;
            }
            if (!unprovenSender && tickets.isParticipant(tagged.get().id(), sender)) {
                return tagged;
            }
            tickets.recordEvent(tagged.get().id(), "foreign-tag", unprovenSender
                    ? "a message whose From failed DMARC named this ticket in its subject; it opened a new ticket instead"
                    : "a message from a non-participant named this ticket in its subject; it opened a new ticket instead");
        }
        return Optional.empty();
    }

    /**
     * The Message-IDs a message names, oldest first, without repeats: its last {@value #MAX_NAMED_IDS}
     * References, then In-Reply-To. A reply names its parent last, so the tail is what threads it;
     * a References header of thousands of ids costs no more than that.
     */
    static List<String> namedIds(MessageContent message) {
        List<String> references = message.references();
        List<String> tail = references.subList(Math.max(0, references.size() - (MAX_NAMED_IDS - 1)), references.size());
        LinkedHashSet<String> named = new LinkedHashSet<>();
        for (String id : tail) {
            named.remove(id);
            named.add(id);
        }
        if (message.inReplyTo() != null) {
            named.remove(message.inReplyTo());
            named.add(message.inReplyTo());
        }
        return List.copyOf(named);
    }

    /** The subject without our tag and without reply/forward prefixes, for a new ticket's title. */
    public static String title(String subject) {
        String title = TAG.matcher(subject == null ? "" : subject).replaceAll(" ").replaceAll("\\s+", " ").strip();
        title = PREFIXES.matcher(title).replaceFirst("").strip();
        return title.isEmpty() ? "(no subject)" : title;
    }
}
