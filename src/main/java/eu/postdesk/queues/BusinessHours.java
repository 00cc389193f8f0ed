package eu.postdesk.queues;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * When a team answers: the days of the week it works, from when to when, in its time zone, minus
 * public holidays; or round the clock. Pure: every answer is computed from the instant given, with
 * each day's hours placed in the zone, so a day on which the clocks change is as long as it is.
 */
public final class BusinessHours {
    /** A year and a bit: a calendar with no opening day in it is refused when the file is read. */
    private static final int MAX_DAYS = 400;

    private final ZoneId zone;
    private final Set<DayOfWeek> days;
    private final LocalTime opens;
    /** null: until midnight. */
    private final LocalTime closes;
    private final Set<LocalDate> holidays;
    private final boolean roundTheClock;

    private BusinessHours(ZoneId zone, Set<DayOfWeek> days, LocalTime opens, LocalTime closes, Set<LocalDate> holidays, boolean roundTheClock) {
        this.zone = zone;
        this.days = days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days);
        this.opens = opens;
        this.closes = closes;
        this.holidays = Set.copyOf(holidays);
        this.roundTheClock = roundTheClock;
    }

    /** Open at every hour of every day, holidays too (24/7). */
    public static BusinessHours roundTheClock() {
        return new BusinessHours(ZoneOffset.UTC, EnumSet.allOf(DayOfWeek.class), LocalTime.MIDNIGHT, null, Set.of(), true);
    }

    /** Open on {@code days} from {@code opens} to {@code closes} (null: midnight) in {@code zone}, closed on {@code holidays}. */
    public static BusinessHours of(ZoneId zone, Set<DayOfWeek> days, LocalTime opens, LocalTime closes, Set<LocalDate> holidays) {
        if (days.isEmpty()) {
            throw new IllegalArgumentException("no opening day");
        }
        if (closes != null && !closes.isAfter(opens)) {
            throw new IllegalArgumentException("closes at " + closes + ", not after it opens at " + opens);
        }
        return new BusinessHours(zone, days, opens, closes, holidays, false);
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isRoundTheClock() {
        return roundTheClock;
    }

    public boolean isOpen(Instant at) {
        if (roundTheClock) {
            return true;
        }
        LocalDate date = at.atZone(zone).toLocalDate();
        return isOpeningDay(date) && !at.isBefore(start(date)) && at.isBefore(end(date));
    }

    /** {@code from} itself when the team is at work then, else when it next starts. */
    public Instant nextOpening(Instant from) {
        if (roundTheClock) {
            return from;
        }
        LocalDate date = from.atZone(zone).toLocalDate();
        for (int i = 0; i < MAX_DAYS; i++, date = date.plusDays(1)) {
            if (isOpeningDay(date) && end(date).isAfter(from)) {
                Instant start = start(date);
                return start.isAfter(from) ? start : from;
            }
        }
        throw new IllegalStateException("no opening day within " + MAX_DAYS + " days");
    }

    /** The instant at which {@code amount} of working time has passed after {@code from}. */
    public Instant plusWorkingTime(Instant from, Duration amount) {
        if (roundTheClock) {
            return from.plus(amount);
        }
        Duration left = amount;
        LocalDate date = from.atZone(zone).toLocalDate();
        for (int i = 0; i < MAX_DAYS * 10; i++, date = date.plusDays(1)) {
            if (!isOpeningDay(date)) {
                continue;
            }
            Instant end = end(date);
            if (!end.isAfter(from)) {
                continue;
            }
            Instant start = start(date).isAfter(from) ? start(date) : from;
            Duration available = Duration.between(start, end);
            if (available.compareTo(left) >= 0) {
                return start.plus(left);
            }
            left = left.minus(available);
        }
        throw new IllegalStateException("working time " + amount + " does not fit in " + MAX_DAYS * 10 + " days");
    }

    /** The length of one working day as the timetable states it (24 h round the clock or for whole days). */
    public Duration workingDay() {
        if (roundTheClock || closes == null) {
            return Duration.ofHours(24).minus(Duration.between(LocalTime.MIDNIGHT, opens));
        }
        return Duration.between(opens, closes);
    }

    /** "Mon-Fri 08:00-16:00 Europe/Helsinki", or "24/7". */
    public String describe() {
        if (roundTheClock) {
            return "24/7";
        }
        return dayRange() + (opens.equals(LocalTime.MIDNIGHT) && closes == null ? "" : " " + opens + "-" + (closes == null ? "24:00" : closes))
                + " " + zone.getId();
    }

    private String dayRange() {
        DayOfWeek first = null;
        StringBuilder out = new StringBuilder();
        // days are listed from Sunday so that Sun-Thu reads as one range
        DayOfWeek[] week = {DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY, DayOfWeek.SATURDAY};
        for (int i = 0; i <= week.length; i++) {
            boolean in = i < week.length && days.contains(week[i]);
            if (in && first == null) {
                first = week[i];
            } else if (!in && first != null) {
                DayOfWeek last = week[i - 1];
                if (!out.isEmpty()) {
                    out.append(',');
                }
                out.append(name(first));
                if (last != first) {
                    out.append('-').append(name(last));
                }
                first = null;
            }
        }
        return out.toString();
    }

    private static String name(DayOfWeek day) {
        return day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }

    private boolean isOpeningDay(LocalDate date) {
        return days.contains(date.getDayOfWeek()) && !holidays.contains(date);
    }

    private Instant start(LocalDate date) {
        return date.atTime(opens).atZone(zone).toInstant();
    }

    private Instant end(LocalDate date) {
        return closes == null ? date.plusDays(1).atStartOfDay(zone).toInstant() : date.atTime(closes).atZone(zone).toInstant();
    }
}
