package eu.postdesk.queues;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BusinessHoursTest {
    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Set<LocalDate> CHRISTMAS = Set.of(LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-25"));
    private static final BusinessHours FINNISH = BusinessHours.of(HELSINKI, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            LocalTime.of(8, 0), LocalTime.of(16, 0), CHRISTMAS);
    private static final BusinessHours GERMAN = BusinessHours.of(BERLIN, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            LocalTime.of(8, 0), LocalTime.of(17, 0), Set.of());

    private static Instant at(String local, ZoneId zone) {
        return java.time.LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    @Test
    void aFridayAfternoonTicketIsDueOneWorkingDayLaterOnMonday() {
        Instant friday = at("2026-12-04T15:00", HELSINKI);
        Instant due = new ResponseTarget(1, "d", false).dueFrom(friday, FINNISH);
        assertThat(due).isEqualTo(at("2026-12-07T15:00", HELSINKI));
    }

    @Test
    void overTheWeekendTheTeamNextOpensOnMondayMorning() {
        assertThat(FINNISH.isOpen(at("2026-12-05T10:00", HELSINKI))).isFalse();
        assertThat(FINNISH.nextOpening(at("2026-12-05T10:00", HELSINKI))).isEqualTo(at("2026-12-07T08:00", HELSINKI));
    }

    @Test
    void whileTheTeamWorksTheNextOpeningIsNow() {
        Instant tuesday = at("2026-12-08T09:30", HELSINKI);
        assertThat(FINNISH.isOpen(tuesday)).isTrue();
        assertThat(FINNISH.nextOpening(tuesday)).isEqualTo(tuesday);
    }

    @Test
    void publicHolidaysAreSkippedLikeTheWeekend() {
        Instant wednesdayEvening = at("2026-12-23T17:00", HELSINKI);
        assertThat(FINNISH.nextOpening(wednesdayEvening)).isEqualTo(at("2026-12-28T08:00", HELSINKI));
        assertThat(new ResponseTarget(4, "h", false).dueFrom(wednesdayEvening, FINNISH)).isEqualTo(at("2026-12-28T12:00", HELSINKI));
    }

    @Test
    void workingHoursAcrossTheEndOfSummerTimeFollowTheLocalClock() {
        // Berlin leaves summer time on Sunday 25 October 2026: Friday 16:00 CEST is 14:00 UTC, Monday 11:00 CET is 10:00 UTC
        Instant friday = at("2026-10-23T16:00", BERLIN);
        assertThat(friday).isEqualTo(Instant.parse("2026-10-23T14:00:00Z"));
        Instant due = new ResponseTarget(4, "h", false).dueFrom(friday, GERMAN);
        assertThat(due).isEqualTo(Instant.parse("2026-10-26T10:00:00Z"));
        assertThat(ZonedDateTime.ofInstant(due, BERLIN).toLocalTime()).isEqualTo(LocalTime.of(11, 0));
    }

    @Test
    void aSunToThuTeamIsBackOnSunday() {
        BusinessHours arabic = BusinessHours.of(ZoneId.of("Asia/Riyadh"), EnumSet.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
                DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY), LocalTime.of(9, 0), LocalTime.of(18, 0), Set.of());
        assertThat(arabic.nextOpening(at("2026-12-04T10:00", ZoneId.of("Asia/Riyadh")))).isEqualTo(at("2026-12-06T09:00", ZoneId.of("Asia/Riyadh")));
        assertThat(arabic.describe()).isEqualTo("Sun-Thu 09:00-18:00 Asia/Riyadh");
    }

    @Test
    void severityOneIsDueWithinTheHourRoundTheClockEvenWhenTheTeamIsAway() {
        Instant saturday = at("2026-12-05T03:00", HELSINKI);
        assertThat(new ResponseTarget(1, "h", true).dueFrom(saturday, FINNISH)).isEqualTo(saturday.plus(Duration.ofHours(1)));
    }

    @Test
    void aRoundTheClockTeamIsAlwaysOpenHolidaysIncluded() {
        BusinessHours always = BusinessHours.roundTheClock();
        Instant christmas = at("2026-12-25T03:00", HELSINKI);
        assertThat(always.isOpen(christmas)).isTrue();
        assertThat(new ResponseTarget(1, "d", false).dueFrom(christmas, always)).isEqualTo(christmas.plus(Duration.ofHours(24)));
    }
}
