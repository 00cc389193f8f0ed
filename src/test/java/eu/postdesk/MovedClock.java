package eu.postdesk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The server's clock for tests that need days to pass: real time plus an offset the test moves. Not a
 * scanned configuration: a test adds it as a source of its own server ({@link PrivacyServer}).
 */
public class MovedClock {
    private static volatile Duration offset = Duration.ZERO;

    public static void move(Duration by) {
        offset = offset.plus(by);
    }

    public static void reset() {
        offset = Duration.ZERO;
    }

    @Bean
    @Primary
    Clock clockMovedOn() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.now().plus(offset);
            }
        };
    }
}
