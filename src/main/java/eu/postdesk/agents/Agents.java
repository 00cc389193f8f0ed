package eu.postdesk.agents;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;

/** The configured agents ({@code postdesk.agents}): who may answer tickets, and who is notified. */
@Component
public class Agents {
    private final List<PostdeskProperties.Agent> agents;
    private final String notify;

    public Agents(PostdeskProperties properties) {
        this.agents = List.copyOf(properties.getAgents());
        this.notify = properties.getNotify();
    }

    /** The agent with exactly this address (display names count for nothing). */
    public Optional<PostdeskProperties.Agent> byAddress(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String wanted = address.strip().toLowerCase(Locale.ROOT);
        return agents.stream().filter(a -> a.getAddress().strip().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }

    /** Where notifications of new customer mail go: each agent, or the one configured address. */
    public List<String> notificationRecipients() {
        if (!"agents".equals(notify)) {
            return List.of(notify.toLowerCase(Locale.ROOT));
        }
        return agents.stream().map(a -> a.getAddress().strip().toLowerCase(Locale.ROOT)).distinct().toList();
    }

    /**
     * Where notifications of this ticket go: the agents of its escalation line, and its assignee
     * whatever their line; every agent when nobody works that line (so that no mail goes unseen);
     * the one configured address when {@code postdesk.notify} names one.
     */
    public List<String> notificationRecipients(eu.postdesk.tickets.Ticket ticket) {
        if (!"agents".equals(notify)) {
            return notificationRecipients();
        }
        List<String> recipients = new java.util.ArrayList<>(ofLine(ticket.line()));
        if (recipients.isEmpty()) {
            recipients.addAll(notificationRecipients());
        }
        byAddress(ticket.assignee()).map(a -> a.getAddress().strip().toLowerCase(Locale.ROOT))
                .filter(a -> !recipients.contains(a)).ifPresent(recipients::add);
        return List.copyOf(recipients);
    }

    /** The agents who work this escalation line (1, 2, 3, management). */
    public List<String> ofLine(String line) {
        String wanted = line == null ? "1" : line;
        return agents.stream().filter(a -> wanted.equals(a.getLine() == null ? "1" : a.getLine()))
                .map(a -> a.getAddress().strip().toLowerCase(Locale.ROOT)).distinct().toList();
    }
}
