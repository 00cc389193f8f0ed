package eu.postdesk.queues;

import java.time.Duration;
import java.time.Instant;

/**
 * How soon a ticket of one severity gets its first response: an amount of time either round the
 * clock ({@code 1h round-the-clock}) or of the team's working time ({@code 4h business}); a day of
 * working time is one working day of the team's timetable ({@code 1d business}).
 */
public record ResponseTarget(long amount, String unit, boolean roundTheClock) {

    public Instant dueFrom(Instant from, BusinessHours hours) {
        if (roundTheClock) {
            return from.plus(length(Duration.ofHours(24)));
        }
        return hours.plusWorkingTime(from, length(hours.workingDay()));
    }

    private Duration length(Duration day) {
        return switch (unit) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> day.multipliedBy(amount);
        };
    }

    @Override
    public String toString() {
        return amount + unit + (roundTheClock ? " round-the-clock" : " business");
    }
}
