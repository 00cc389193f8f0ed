package eu.postdesk.pipeline;

import java.util.concurrent.TimeUnit;

import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;
import org.reactivestreams.Publisher;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** James's metrics, kept in Micrometer: one timer per mailet and matcher, counters as asked. */
final class MicrometerMetricFactory implements MetricFactory {
    private final MeterRegistry registry;

    MicrometerMetricFactory(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Metric generate(String name) {
        Counter counter = registry.counter("postdesk.james." + name);
        return new Metric() {
            @Override
            public void increment() {
                counter.increment();
            }

            @Override
            public void decrement() {
                counter.increment(-1);
            }

            @Override
            public void add(int value) {
                counter.increment(value);
            }

            @Override
            public void remove(int value) {
                counter.increment(-value);
            }

            @Override
            public long getCount() {
                return (long) counter.count();
            }
        };
    }

    @Override
    public TimeMetric timer(String name) {
        Timer timer = registry.timer("postdesk.james." + name);
        long start = System.nanoTime();
        return new TimeMetric() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ExecutionResult stopAndPublish() {
                long elapsed = System.nanoTime() - start;
                timer.record(elapsed, TimeUnit.NANOSECONDS);
                java.time.Duration duration = java.time.Duration.ofNanos(elapsed);
                return new ExecutionResult() {
                    @Override
                    public java.time.Duration elasped() {
                        return duration;
                    }

                    @Override
                    public ExecutionResult logWhenExceedP99(java.time.Duration threshold) {
                        return this;
                    }
                };
            }

            @Override
            public void record(java.time.Duration duration) {
                timer.record(duration);
            }
        };
    }

    @Override
    public <T> Publisher<T> decoratePublisherWithTimerMetric(String name, Publisher<T> publisher) {
        return publisher;
    }

    @Override
    public <T> Publisher<T> decoratePublisherWithTimerMetricLogP99(String name, Publisher<T> publisher) {
        return publisher;
    }
}
