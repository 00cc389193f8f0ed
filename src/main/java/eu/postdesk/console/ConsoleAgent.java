package eu.postdesk.console;

import java.util.Optional;

import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;

/**
 * Which configured agent a console account works as ({@code postdesk.console.users[n].agent}):
 * its tickets are the list's "mine", and ticket events name it. An account without one is named
 * by its console name ({@code console:alice}).
 */
@Component
class ConsoleAgent {
    private final PostdeskProperties properties;

    ConsoleAgent(PostdeskProperties properties) {
        this.properties = properties;
    }

    Optional<String> of(ConsoleUser user) {
        if (!"console".equals(user.via())) {
            return Optional.empty();
        }
        return properties.getConsole().getUsers().stream().filter(u -> user.username().equals(u.getUsername()))
                .map(PostdeskProperties.Console.User::getAgent).filter(a -> a != null && !a.isBlank()).map(String::strip).findFirst();
    }

    /** Who a ticket event names: the account's agent address, else its console name. */
    String actor(ConsoleUser user) {
        return of(user).orElse(user.who());
    }

    /**
     * Whether this account may see and work the ticket: an agent account that names its agent works
     * the tickets of that agent's line and those assigned to it, as an agent token does in the API;
     * every other account (supervisor, privacy officer, admin, an agent account naming none) any ticket.
     */
    boolean mayWork(ConsoleUser user, eu.postdesk.tickets.Ticket ticket) {
        if (!"agent".equals(user.role())) {
            return true;
        }
        return of(user).flatMap(address -> properties.getAgents().stream().filter(a -> a.getAddress().strip().equalsIgnoreCase(address)).findFirst())
                .map(a -> a.getLine().equals(ticket.line()) || a.getAddress().strip().equalsIgnoreCase(String.valueOf(ticket.assignee())))
                .orElse(true);
    }
}
