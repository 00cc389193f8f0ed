package eu.postdesk.mailets.html;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AgentSafeSvgTest {
    private final AgentSafeSvg svg = new AgentSafeSvg();

    @Test
    void sanitiseShouldKeepTheDrawing() {
        String safe = svg.sanitise("""
                <?xml version="1.0" encoding="UTF-16"?>
                <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">
                <defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient></defs>
                <rect width="10" height="10" fill="url(#g)"/><circle r="1" style="fill: url('#g')"/><use xlink:href="#g"/><text x="1" y="5">Plan B</text></svg>""");

        assertThat(safe).doesNotContain("UTF-16").contains("<rect width=\"10\" height=\"10\" fill=\"url(#g)\" />", "xlink:href=\"#g\"", "style=\"fill: url('#g')\"", "Plan B", "viewBox=\"0 0 10 10\"");
    }

    @Test
    void sanitiseShouldRemoveWhatRuns() {
        String safe = svg.sanitise("""
                <svg xmlns="http://www.w3.org/2000/svg" onload="steal()"><script>steal()</script>
                <svg:script xmlns:svg="http://www.w3.org/2000/svg">steal()</svg:script>
                <a href="javascript:steal()"><circle r="4" onclick="steal()" onmouseover="steal()"/></a>
                <animate attributeName="href" to="javascript:steal()"/><set attributeName="onclick" to="steal()"/>
                <foreignObject><iframe src="https://evil.example/"></iframe></foreignObject>
                <handler type="text/javascript">steal()</handler></svg>""");

        assertThat(safe).doesNotContainIgnoringCase("steal").doesNotContainIgnoringCase("script")
                .doesNotContain("evil.example").doesNotContainIgnoringCase("foreignObject").contains("<circle r=\"4\" />");
    }

    @Test
    void sanitiseShouldRemoveEveryExternalReference() {
        String safe = svg.sanitise("""
                <?xml-stylesheet href="https://tracker.example/a.css"?>
                <!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
                <style>@import url(https://tracker.example/b.css);</style>
                <image href="https://tracker.example/open.gif?u=1" width="1" height="1"/>
                <image xlink:href="//tracker.example/p.png"/><use href="https://tracker.example/s.svg#x"/>
                <rect style="fill:url(https://tracker.example/f)" filter="url(http://tracker.example/g)"/>
                <image href="data:image/png;base64,iVBORw0KGgo="/><text>&xxe;</text></svg>""");

        assertThat(safe).doesNotContain("tracker.example").doesNotContain("/etc/passwd").doesNotContain("DOCTYPE")
                .doesNotContain("xml-stylesheet").contains("data:image/png;base64,iVBORw0KGgo=");
    }
}
