package eu.postdesk;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock the server reads for every time it records or schedules by (due dates, auto-close,
 * retention). Tests replace it with a clock they move, so nothing has to sleep for days.
 */
@Configuration
public class Clocks {
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
