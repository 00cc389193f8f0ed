package eu.postdesk;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

import eu.postdesk.tickets.TicketChange;

/** A listener as other features write them ({@code @EventListener} on {@link TicketChange}): what it heard. */
public class HeardChanges {
    private final List<TicketChange> heard = new CopyOnWriteArrayList<>();

    @EventListener
    void on(TicketChange change) {
        heard.add(change);
    }

    public List<TicketChange> of(long number) {
        return heard.stream().filter(c -> c.ticket().number() == number).toList();
    }

    @TestConfiguration
    public static class Config {
        @Bean
        HeardChanges heardChanges() {
            return new HeardChanges();
        }
    }
}
