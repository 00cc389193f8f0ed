package eu.postdesk.mailets.quoting;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuotedHistoryHtmlTest {

    private final QuotedHistory quotedHistory = QuotedHistory.withDefaults();

    @Test
    void newTextFromHtmlShouldDropGmailQuoteAndSignature() {
        String html = """
                <div dir="ltr"><div>Hi again,</div><div><br></div><div>three employees now.</div><br>
                <div><div dir="ltr" class="gmail_signature" data-smartmail="gmail_signature">Joshua Bell<br>Bell Accounting</div></div>
                <div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">On Wed, 12 Mar 2025 at 09:30,
                Helpdesk &lt;support@helpdesk.test&gt; wrote:<br></div><blockquote class="gmail_quote">
                <div>An agent will reply soon.</div></blockquote></div></div>
                """;

        assertThat(quotedHistory.newTextFromHtml(html)).isEqualTo("Hi again,\n\nthree employees now.");
    }

    @Test
    void newTextFromHtmlShouldCutOutlookOnTheWebHistory() {
        String html = """
                <html><body><div dir="ltr">Thanks, it works now.</div>
                <div id="appendonsend"></div>
                <hr style="display:inline-block;width:98%" tabindex="-1">
                <div id="divRplyFwdMsg" dir="ltr"><font face="Calibri"><b>From:</b> Helpdesk &lt;support@helpdesk.test&gt;<br>
                <b>Sent:</b> Wednesday, March 12, 2025 9:30 AM<br><b>Subject:</b> RE: Export</font></div>
                <div>We have fixed the export.</div></body></html>
                """;

        assertThat(quotedHistory.newTextFromHtml(html)).isEqualTo("Thanks, it works now.");
    }

    @Test
    void newTextFromHtmlShouldCutOutlookDesktopHeaderBlocks() {
        String html = """
                <html><body><div class="WordSection1">
                <p class="MsoNormal">Hallo,<o:p></o:p></p>
                <p class="MsoNormal"><o:p>&nbsp;</o:p></p>
                <p class="MsoNormal">es geht wieder.<o:p></o:p></p>
                <p class="MsoNormal"><o:p>&nbsp;</o:p></p>
                <div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">
                <p class="MsoNormal"><b>Von:</b> Helpdesk &lt;support@helpdesk.test&gt;<br>
                <b>Gesendet:</b> Mittwoch, 12. März 2025 09:30<br><b>An:</b> Rainer Fuchs<br>
                <b>Betreff:</b> AW: Rechnung</p></div>
                <p class="MsoNormal">Wir haben die Rechnung storniert.</p>
                </div></body></html>
                """;

        assertThat(quotedHistory.newTextFromHtml(html)).isEqualTo("Hallo,\n\nes geht wieder.");
    }

    @Test
    void newTextFromHtmlShouldDropAppleMailCiteBlockquote() {
        String html = """
                <html><body><div>Nu afviser opgang C også brikkerne.</div><div><br></div><div>Sendt fra min iPhone</div>
                <div><br><blockquote type="cite"><div>Den 11. mar. 2025 kl. 08.40 skrev Helpdesk &lt;support@helpdesk.test&gt;:</div>
                <div>Tak for din henvendelse.</div></blockquote></div></body></html>
                """;

        assertThat(quotedHistory.newTextFromHtml(html)).isEqualTo("Nu afviser opgang C også brikkerne.");
    }

    @Test
    void newTextFromHtmlShouldDropThunderbirdCitePrefixAndSignature() {
        String html = """
                <html><body><p>Ny adress från april.</p>
                <div class="moz-signature">-- <br>Sara Ekström</div>
                <div class="moz-cite-prefix">Den 2025-03-12 kl. 09:30, skrev Helpdesk:<br></div>
                <blockquote type="cite" cite="mid:ack@helpdesk.test">Tack, ärendet är registrerat.</blockquote>
                </body></html>
                """;

        assertThat(quotedHistory.newTextFromHtml(html)).isEqualTo("Ny adress från april.");
    }

    @Test
    void newTextFromHtmlShouldTreatAnyOtherBlockquoteAsQuoted() {
        String html = "<p>Yes, please.</p><p>On Wed, 12 Mar 2025, Helpdesk wrote:</p>"
                + "<blockquote style=\"border-left:1px solid\"><p>Shall we reset it?</p></blockquote>";

        assertThat(quotedHistory.newTextFromHtml(html)).isEqualTo("Yes, please.");
    }

    @Test
    void newTextFromHtmlShouldKeepASignatureThatIsAllTheMessageSays() {
        String html = "<div class=\"gmail_signature\">Anna Kowalska<br>ACME</div>";

        assertThat(quotedHistory.newTextFromHtml(html)).isEqualTo("Anna Kowalska\nACME");
    }

    @Test
    void newTextFromHtmlShouldBeEmptyWhenEverythingIsQuoted() {
        String html = "<div class=\"gmail_quote\">On Wed, X wrote:<blockquote>Old</blockquote></div>";

        assertThat(quotedHistory.newTextFromHtml(html)).isEmpty();
    }

    @Test
    void newTextFromHtmlShouldIgnoreStylesScriptsAndHiddenText() {
        String html = "<html><head><style>p{color:red}</style></head><body><script>x()</script>"
                + "<div style=\"display: none\">preheader</div><p>Visible&nbsp;text</p></body></html>";

        assertThat(quotedHistory.newTextFromHtml(html)).isEqualTo("Visible text");
    }

    @Test
    void newTextFromHtmlShouldSurviveDeepNesting() {
        String html = "<div>".repeat(5000) + "Deep answer" + "</div>".repeat(5000)
                + "<blockquote type=\"cite\">" + "<blockquote>".repeat(5000) + "old" + "</blockquote>".repeat(5001);

        assertThat(quotedHistory.newTextFromHtml(html)).isEqualTo("Deep answer");
    }

    @Test
    void newTextFromHtmlShouldKeepPreformattedLines() {
        assertThat(quotedHistory.newTextFromHtml("<pre>line one\n  line two</pre>")).isEqualTo("line one\n  line two");
    }
}
