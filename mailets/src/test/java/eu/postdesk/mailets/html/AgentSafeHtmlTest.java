package eu.postdesk.mailets.html;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class AgentSafeHtmlTest {
    private final AgentSafeHtml safeHtml = new AgentSafeHtml();

    @ParameterizedTest
    @ValueSource(strings = {
            "<script>alert(1)</script>",
            "<iframe src='https://evil.example/'></iframe>",
            "<object data='https://evil.example/x.swf'></object>",
            "<embed src='https://evil.example/x.swf'>",
            "<form action='https://evil.example/'><input name='p'></form>",
            "<img src='x' onerror='alert(1)'>",
            "<a href='javascript:alert(1)'>x</a>",
            "<a href='JaVaScRiPt&#x3a;alert(1)'>x</a>",
            "<a href='jav&#x09;ascript:alert(1)'>x</a>",
            "<meta http-equiv='refresh' content='0;url=https://evil.example/'>",
            "<link rel='stylesheet' href='https://evil.example/s.css'>",
            "<style>@import url(https://evil.example/s.css); @font-face{src:url(https://evil.example/f.woff)}</style>",
            "<link rel='prefetch' href='https://evil.example/'>",
            "<img src='https://cdn.example/a.png' srcset='https://evil.example/b.png 2x'>",
            "<a href='https://shop.example/' ping='https://evil.example/p'>x</a>",
            "<div style='background:url(https://evil.example/b.png)'>x</div>",
            "<div style='width:expression(alert(1))'>x</div>",
            "<div style='background:\\75rl(https://evil.example/b.png)'>x</div>",
            "<svg><script>alert(1)</script></svg>",
            "<base href='https://evil.example/'>",
            "<body onload='alert(1)'>x</body>",
    })
    void sanitiseShouldRemoveActiveAndSelfLoadingContent(String hostile) {
        String safe = safeHtml.sanitise("<p>Keep me</p>" + hostile);

        assertThat(safe.toLowerCase()).contains("keep me").doesNotContain("evil.example", "javascript", "script", "alert(",
                "onerror", "onload", "iframe", "refresh", "@import", "srcset", "ping=", "expression");
    }

    @Test
    void sanitiseShouldKeepContentLinksAndImages() {
        String safe = safeHtml.sanitise("""
                <table width="600" cellpadding="0"><tr><td style="padding:10px 20px;color:#333333;font-family:Arial">
                <h1>Order 5</h1><a href="https://shop.example/o?id=5">Track it</a> <a href="mailto:help@shop.example">Mail</a>
                <img src="cid:logo@shop" alt="logo"><img src="data:image/png;base64,iVBORw0KGgo=" alt="dot">
                <img src="https://cdn.shop.example/photo.jpg" width="300"></td></tr></table>
                """);
        Document document = Jsoup.parseBodyFragment(safe);

        assertThat(document.select("a").eachAttr("href")).containsExactly("https://shop.example/o?id=5", "mailto:help@shop.example");
        assertThat(document.select("img").eachAttr("src")).containsExactly(
                "cid:logo@shop", "data:image/png;base64,iVBORw0KGgo=", "https://cdn.shop.example/photo.jpg");
        assertThat(document.select("td").attr("style")).isEqualTo("padding:10px 20px;color:#333333;font-family:Arial");
        assertThat(document.select("a").first().attr("rel")).contains("noopener");
        assertThat(document.text()).contains("Order 5", "Track it");
    }

    @Test
    void sanitiseShouldDropDataUrlsThatAreNotImages() {
        String safe = safeHtml.sanitise("<img src='data:text/html;base64,PHNjcmlwdD4='>");

        assertThat(safe).doesNotContain("data:");
    }

    @Test
    void sanitiseShouldKeepSafeDeclarationsBesideDroppedOnes() {
        String safe = safeHtml.sanitise("<p style='color:red; background:url(https://t.example/x.gif); position:fixed; font-size:12px'>x</p>");

        assertThat(Jsoup.parseBodyFragment(safe).select("p").attr("style")).isEqualTo("color:red;font-size:12px");
    }

    @Test
    void sanitiseShouldBeIdempotent() {
        String once = safeHtml.sanitise("<div><p style='color:red'>a &amp; b</p><img src='https://x.example/a.png'><script>x</script></div>");

        assertThat(safeHtml.sanitise(once)).isEqualTo(once);
    }

    @Test
    void refersToRemoteContentShouldTellRemoteImagesFromInlineOnes() {
        assertThat(safeHtml.refersToRemoteContent("<img src='https://cdn.example/a.png'>")).isTrue();
        assertThat(safeHtml.refersToRemoteContent("<img src='//cdn.example/a.png'>")).isTrue();
        assertThat(safeHtml.refersToRemoteContent("<table><tr><td background='http://cdn.example/a.png'>x</td></tr></table>")).isTrue();
        assertThat(safeHtml.refersToRemoteContent("<div style='background:url( \"https://cdn.example/a.png\")'>")).isTrue();
        assertThat(safeHtml.refersToRemoteContent("<style>@import 'x.css';</style>")).isTrue();
        assertThat(safeHtml.refersToRemoteContent("<img src='cid:a'><img src='data:image/png;base64,AA=='><a href='https://x.example/'>x</a>")).isFalse();
        assertThat(safeHtml.refersToRemoteContent(null)).isFalse();
    }
}
