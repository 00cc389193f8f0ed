package eu.postdesk.tickets;

import java.time.Instant;

/**
 * One change of a ticket's field (status, assignee, severity, line, breached, ...): old and new
 * value, who made it (an agent's address, a token's name, "timer", "customer") and through which
 * door ({@link #MAIL}, {@link #API}, {@link #CONSOLE}, {@link #TIMER}, {@link #PIPELINE}). Recorded as
 * a ticket event and published as a Spring application event in the same transaction, so that
 * whatever follows a change (an incident notice, an escalation notification, a satisfaction
 * request) is queued atomically with it, whichever door the change came through.
 */
public record TicketChange(Ticket ticket, String field, String oldValue, String newValue, String actor, String channel, Instant at) {
    public static final String MAIL = "mail";
    public static final String API = "api";
    public static final String CONSOLE = "console";
    public static final String TIMER = "timer";
    public static final String PIPELINE = "pipeline";
}
