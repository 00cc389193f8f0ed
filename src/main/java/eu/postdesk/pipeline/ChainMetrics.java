package eu.postdesk.pipeline;

import java.util.Collection;
import java.util.concurrent.TimeUnit;

import org.apache.james.core.MailAddress;
import org.apache.james.mailetcontainer.lib.AbstractStateMailetProcessor;
import org.apache.mailet.Mailet;
import org.apache.mailet.Matcher;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Per-mailet and per-matcher timings and errors of the running chain, tagged with the processor
 * and the mailet's or matcher's class name only (a matcher's condition can name an address):
 * {@code postdesk_mailet_seconds{processor,mailet,outcome=ok|error}},
 * {@code postdesk_matcher_seconds{processor,matcher,matched=true|false,outcome}}.
 */
final class ChainMetrics implements AbstractStateMailetProcessor.MailetProcessorListener {
    private final MeterRegistry registry;
    private final String processor;

    ChainMetrics(MeterRegistry registry, String processor) {
        this.registry = registry;
        this.processor = processor;
    }

    @Override
    public void afterMailet(Mailet mailet, String mailName, String state, long processTime, Throwable e) {
        Timer.builder("postdesk.mailet").description("time spent in each mailet, and its errors")
                .tags("processor", processor, "mailet", mailet.getClass().getSimpleName(), "outcome", e == null ? "ok" : "error")
                .register(registry).record(processTime, TimeUnit.MILLISECONDS);
    }

    @Override
    public void afterMatcher(Matcher matcher, String mailName, Collection<MailAddress> recipients, Collection<MailAddress> matches,
                             long processTime, Throwable e) {
        Timer.builder("postdesk.matcher").description("time spent in each matcher, whether it matched, and its errors")
                .tags("processor", processor, "matcher", matcher.getClass().getSimpleName(),
                        "matched", String.valueOf(matches != null && !matches.isEmpty()), "outcome", e == null ? "ok" : "error")
                .register(registry).record(processTime, TimeUnit.MILLISECONDS);
    }
}
