package eu.postdesk.tickets;

import java.time.Instant;

/**
 * A customer's message was filed into {@code ticket} (a new one when {@code newTicket}), with what
 * the privacy mailets did to it. Published in the filing transaction, like {@link TicketChange}.
 */
public record MessageFiled(Ticket ticket, boolean newTicket, PrivacyReport privacy, Instant at) {
}
