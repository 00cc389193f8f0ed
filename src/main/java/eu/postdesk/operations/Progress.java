package eu.postdesk.operations;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * How far an import is: on a terminal a bar redrawn in place with the rate and the time left;
 * otherwise (a log, a pipe) a plain line every few seconds and one at the end.
 */
final class Progress {
    private static final int WIDTH = 30;
    private final PrintWriter out;
    private final boolean terminal;
    private final int total;
    private final long started = System.nanoTime();
    private long lastLine;
    private int done;

    Progress(PrintWriter out, boolean terminal, int total) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
    }

    void advance(int count, String counts) {
        done += count;
        long now = System.nanoTime();
        if (terminal) {
            out.print("\r" + bar() + " " + done + "/" + total + "  " + rate() + "  " + left() + "  " + counts + "   ");
            out.flush();
        } else if (now - lastLine > Duration.ofSeconds(5).toNanos() || done >= total) {
            out.println("imported " + done + " of " + total + " (" + rate() + ", " + left() + "): " + counts);
            lastLine = now;
        }
    }

    void finish(String summary) {
        if (terminal) {
            out.println();
        }
        out.println(summary);
    }

    private String bar() {
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        return "[" + "#".repeat(Math.min(WIDTH, filled)) + "-".repeat(Math.max(0, WIDTH - filled)) + "]";
    }

    private double perSecond() {
        double seconds = (System.nanoTime() - started) / 1e9;
        return seconds <= 0 ? 0 : done / seconds;
    }

    private String rate() {
        return String.format(java.util.Locale.ROOT, "%.1f msg/s", perSecond());
    }

    private String left() {
        double rate = perSecond();
        if (rate <= 0 || done >= total) {
            return done >= total ? "done" : "time left unknown";
        }
        long seconds = (long) ((total - done) / rate);
        return (seconds >= 3600 ? seconds / 3600 + "h " : "") + (seconds % 3600) / 60 + "m " + seconds % 60 + "s left";
    }
}
