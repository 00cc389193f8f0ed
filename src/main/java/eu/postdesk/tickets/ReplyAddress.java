package eu.postdesk.tickets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;

/**
 * A ticket's reply address: agents answer a ticket by writing to it. Each agent's notification
 * carries its own, {@code support+NUMBER-AGENT-TOKEN@reply-domain}: AGENT is a short key of the
 * agent's address and TOKEN an HMAC of the ticket number and that address under a server secret,
 * so nobody can guess the address of another ticket or another agent, and a leaked address says
 * whose notification it was. The older form {@code support+NUMBER-TOKEN@reply-domain} (an HMAC of
 * the number alone, in notifications sent before per-agent addresses) still names its ticket, but
 * no agent: {@link #agentOf} is empty for it, so it cannot be taken as an agent's answer.
 */
@Component
public class ReplyAddress {
    private static final String KEY_NAME = "reply-address";
    private static final int TOKEN_LENGTH = 12;
    private static final int AGENT_KEY_LENGTH = 6;

    private final String localPart;
    private final String domain;
    private final ServerKey key;
    private final Pattern shape;
    /** Whom a notification can go to (the agents, or the one notify address), by agent key. */
    private final Map<String, String> addresseesByKey = new HashMap<>();

    public ReplyAddress(PostdeskProperties properties, JdbcTemplate jdbc) {
        String support = properties.primarySupportAddress();
        this.localPart = support.substring(0, support.indexOf('@'));
        this.domain = properties.effectiveReplyDomain();
        this.key = ServerKey.named(jdbc, KEY_NAME);
        this.shape = Pattern.compile(Pattern.quote(localPart) + "\\+(\\d{1,18})-(?:([0-9a-f]{" + AGENT_KEY_LENGTH + "})-)?([0-9a-f]{"
                + TOKEN_LENGTH + "})@" + Pattern.quote(domain));
        List<String> addressees = new ArrayList<>();
        properties.getAgents().forEach(agent -> addressees.add(agent.getAddress()));
        if (!"agents".equals(properties.getNotify())) {
            addressees.add(properties.getNotify());
        }
        for (String addressee : addressees) {
            String normal = normal(addressee);
            String previous = addresseesByKey.putIfAbsent(agentKey(normal), normal);
            if (previous != null && !previous.equals(normal)) {
                // 24 bits of an HMAC: two addresses sharing a key is a one-in-millions chance, but then say so
                throw new IllegalStateException("postdesk.agents: the reply-address keys of two agents collide; rename one address");
            }
        }
    }

    /** The reply address of the notification to {@code agent} about this ticket. */
    public String of(long ticketNumber, String agent) {
        String normal = normal(agent);
        return localPart + "+" + ticketNumber + "-" + agentKey(normal) + "-" + token(ticketNumber + ":" + normal) + "@" + domain;
    }

    /** The older address of a ticket, bound to no agent: not an agent's address, only the ticket's. */
    public String of(long ticketNumber) {
        return localPart + "+" + ticketNumber + "-" + token(Long.toString(ticketNumber)) + "@" + domain;
    }

    /**
     * The agent whose notification carried this reply address; empty for the older form, for an
     * address of an agent who is no longer configured, and for anything forged.
     */
    public Optional<String> agentOf(String address) {
        return parse(address).flatMap(Parsed::agent);
    }

    /** The ticket number behind a genuine reply address; empty for anything else, forged tokens included. */
    public Optional<Long> ticketOf(String address) {
        return parse(address).map(Parsed::ticket);
    }

    private record Parsed(long ticket, Optional<String> agent) {
    }

    private Optional<Parsed> parse(String address) {
        if (address == null) {
            return Optional.empty();
        }
        Matcher matcher = shape.matcher(address.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long number = Long.parseLong(matcher.group(1));
        if (matcher.group(2) == null) {
            return genuine(token(Long.toString(number)), matcher.group(3)) ? Optional.of(new Parsed(number, Optional.empty())) : Optional.empty();
        }
        String agent = addresseesByKey.get(matcher.group(2));
        if (agent == null || !genuine(token(number + ":" + agent), matcher.group(3))) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(number, Optional.of(agent)));
    }

    private static boolean genuine(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }

    private String agentKey(String normalAddress) {
        return token("agent:" + normalAddress).substring(0, AGENT_KEY_LENGTH);
    }

    private static String normal(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }

    private String token(String subject) {
        return key.token(subject, TOKEN_LENGTH);
    }
}
