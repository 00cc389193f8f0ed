package eu.postdesk.mailets.redaction;

import java.time.Duration;

/**
 * The time left to inspect one message's attachments. Once it is spent, the remaining
 * attachments are withheld unread: a message with fifty slow attachments costs the budget, not
 * fifty timeouts.
 */
final class InspectionBudget {
    private final long deadline;

    private InspectionBudget(long deadline) {
        this.deadline = deadline;
    }

    static InspectionBudget of(Duration total) {
        long now = System.nanoTime();
        long nanos = Math.min(total.toNanos(), Long.MAX_VALUE / 4);
        return new InspectionBudget(now + nanos);
    }

    /** Nanoseconds left; zero or less when spent. */
    long nanosLeft() {
        return deadline - System.nanoTime();
    }

    boolean isSpent() {
        return nanosLeft() <= 0;
    }
}
