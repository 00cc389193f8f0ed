package eu.postdesk.bench;

import eu.postdesk.mailets.quoting.QuotedHistory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * How long {@link QuotedHistory} takes on a typical reply (plain and HTML, a thread of ten quoted
 * messages) and on hostile input (1 MB of quote markers, colons and look-alike header lines).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class QuotedHistoryBenchmark {

    private QuotedHistory quotedHistory;
    private String gmailReply;
    private String outlookHtmlReply;
    private String hostileText;
    private String hostileHtml;

    @Setup
    public void setUp() {
        quotedHistory = QuotedHistory.withDefaults();
        StringBuilder plain = new StringBuilder("Hi again,\n\nit is now three employees, all added after 1 February.\n\nJoshua\n\n");
        StringBuilder html = new StringBuilder("<html><body><div class=\"WordSection1\"><p class=\"MsoNormal\">Hallo,</p>"
                + "<p class=\"MsoNormal\">&nbsp;</p><p class=\"MsoNormal\">es geht wieder.</p>");
        for (int i = 0; i < 10; i++) {
            String depth = "> ".repeat(i + 1);
            plain.append(depth).append("On Wed, 12 Mar 2025 at 09:").append(10 + i)
                    .append(", Helpdesk <support@helpdesk.test> wrote:\n");
            for (int line = 0; line < 8; line++) {
                plain.append(depth).append("> Thanks for getting in touch - your request has been logged, line ")
                        .append(line).append(".\n");
            }
            html.append("<div style=\"border:none;border-top:solid #E1E1E1 1.0pt\"><p class=\"MsoNormal\"><b>Von:</b> Helpdesk "
                            + "&lt;support@helpdesk.test&gt;<br><b>Gesendet:</b> Mittwoch, 12. März 2025 09:")
                    .append(10 + i).append("<br><b>An:</b> Rainer<br><b>Betreff:</b> AW: Rechnung</p></div>");
            for (int line = 0; line < 8; line++) {
                html.append("<p class=\"MsoNormal\">Wir haben die Rechnung storniert, Zeile ").append(line).append(".</p>");
            }
        }
        gmailReply = plain.toString();
        outlookHtmlReply = html.append("</div></body></html>").toString();
        hostileText = ("From: x\nSent from my iPhone\nOn a b wrote:\n>\n-- \n" + "a:".repeat(200) + "\n").repeat(1_000_000 / 440);
        hostileHtml = "<blockquote><div>".repeat(20_000) + "x" + "</div></blockquote>".repeat(20_000);
    }

    @Benchmark
    public String plainGmailReply() {
        return quotedHistory.newText(gmailReply);
    }

    @Benchmark
    public String htmlOutlookReply() {
        return quotedHistory.newTextFromHtml(outlookHtmlReply);
    }

    @Benchmark
    public String hostilePlainOneMegabyte() {
        return quotedHistory.newText(hostileText);
    }

    @Benchmark
    public String hostileHtmlDeepNesting() {
        return quotedHistory.newTextFromHtml(hostileHtml);
    }
}
