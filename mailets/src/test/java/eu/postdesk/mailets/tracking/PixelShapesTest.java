package eu.postdesk.mailets.tracking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pixels from a host no rule knows, recognised by their shape as they go through {@link StripTracking};
 * and ordinary pictures from such a host, which stay.
 */
class PixelShapesTest {
    private static final String HOST = "https://news.unknown-sender.example";

    @ParameterizedTest
    @ValueSource(strings = {
            // at most 3 px, by attribute or by inline CSS
            "<img src='" + HOST + "/a/b.gif' width='3' height='3'>",
            "<img src='" + HOST + "/a/b.gif' width='2' height='1'>",
            "<img src='" + HOST + "/a/b.gif' style='width:3px;height:3px'>",
            "<img src='" + HOST + "/a/b.gif' style='max-width:1px;max-height:1px'>",
            "<img src='" + HOST + "/a/b.gif' width='600' style='width:3px'>",
            // zero area
            "<img src='" + HOST + "/a/b.gif' width='0' height='0'>",
            "<img src='" + HOST + "/a/b.gif' style='width:0;height:0'>",
            "<div style='height:1px;overflow:hidden'><img src='" + HOST + "/a/b.gif'></div>",
            // hidden
            "<img src='" + HOST + "/a/b.gif' style='display:none'>",
            "<img src='" + HOST + "/a/b.gif' style='visibility:hidden'>",
            "<img src='" + HOST + "/a/b.gif' style='opacity:0'>",
            "<img src='" + HOST + "/a/b.gif' style='transform: scale(0)'>",
            "<img src='" + HOST + "/a/b.gif' style='position:absolute;clip:rect(0 0 0 0)'>",
            "<img src='" + HOST + "/a/b.gif' style='clip-path: inset(50%)'>",
            // off-screen
            "<img src='" + HOST + "/a/b.gif' style='position:absolute; left:-9999px'>",
            "<img src='" + HOST + "/a/b.gif' style='position: fixed; top: -5000px'>",
            "<div style='position:absolute;left:-9999px;top:-9999px'><img src='" + HOST + "/a/b.gif' width='600'></div>",
            "<img src='" + HOST + "/a/b.gif' style='margin-left:-3000px'>",
            "<p style='text-indent:-9999px'><img src='" + HOST + "/a/b.gif'></p>",
            // open-tracking paths, no size declared
            "<img src='" + HOST + "/open?id=8f3a'>",
            "<img src='" + HOST + "/open/8f3a2b'>",
            "<img src='" + HOST + "/email/open.gif?r=8f3a'>",
            "<img src='" + HOST + "/track/open?c=1&amp;u=8f3a'>",
            "<img src='" + HOST + "/track/open.php?u=8f3a'>",
            "<img src='" + HOST + "/o/AbC123xyz987QRSTuv'>",
            "<img src='" + HOST + "/e/o/eyJlbWFpbCI6'>",
            "<img src='" + HOST + "/imp?s=1&amp;e=8f3a'>",
            "<img src='" + HOST + "/ads/imp/8f3a'>",
            "<img src='" + HOST + "/pixel.gif?u=8f3a'>",
            "<img src='" + HOST + "/v2/pixel?u=8f3a'>",
            "<img src='" + HOST + "/tracking_pixel/8f3a.png'>",
            "<img src='" + HOST + "/beacon/8f3a.gif'>",
            "<img src='" + HOST + "/mail_open?id=8f3a'>",
            "<img src='" + HOST + "/spacer/1x1.gif'>",
            "<img src='" + HOST + "/open?id=8f3a' width='2' style='width:auto'>",
    })
    void serviceShouldRemoveAPixelByItsShape(String pixel) throws Exception {
        NewsletterMail result = NewsletterMail.stripped(pixel);

        assertThat(result.html()).doesNotContain("unknown-sender").contains("Order 4711", "Anna");
        assertThat(result.byKind()).containsEntry(Removals.PIXEL, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<img src='" + HOST + "/images/logo.png' width='200' height='60' alt='Unknown Sender'>",
            "<img src='" + HOST + "/images/logo.png' style='width:200px;height:60px'>",
            "<img src='" + HOST + "/products/blue-shirt.jpg' width='600' height='400' alt='Blue shirt'>",
            "<img src='" + HOST + "/products/blue-shirt.jpg' style='width:100%;max-width:600px'>",
            "<img src='" + HOST + "/products/blue-shirt.jpg'>",
            "<img src='" + HOST + "/products/open-box-deal.jpg'>",
            "<img src='" + HOST + "/blog/pixel-art-contest.png'>",
            "<img src='" + HOST + "/v0/b/shop-app/o/photo.jpg?alt=media'>",
            "<img src='" + HOST + "/o/products/shirt.jpg'>",
            "<img src='" + HOST + "/open/house-2026.jpg' width='600' height='400'>",
            "<img src='" + HOST + "/pixel/hero.png' width='640'>",
            "<img src='" + HOST + "/images/divider.png' width='600' height='4'>",
            "<img src='" + HOST + "/images/divider.png' width='600' height='1'>",
            "<img src='" + HOST + "/images/badge.png' style='position:relative;left:-4px;top:-2px' width='40' height='40'>",
            "<img src='" + HOST + "/images/icon.png' style='margin-left:-12px' width='24' height='24'>",
            "<div style='height:200px;overflow:hidden'><img src='" + HOST + "/images/banner.jpg'></div>",
            "<img src='" + HOST + "/images/fade.png' style='opacity:0.5' width='300' height='100'>",
            "<img src='" + HOST + "/images/zoom.png' style='transform:scale(1.5)' width='300' height='100'>",
    })
    void serviceShouldKeepAnOrdinaryPictureFromAnUnknownHost(String picture) throws Exception {
        NewsletterMail result = NewsletterMail.stripped(picture);

        assertThat(result.untouched()).as(result.html()).isTrue();
    }

    @Test
    void serviceShouldNameTheShapeOfAnUnsizedPixelAndNoServiceForATinyOne() throws Exception {
        NewsletterMail shaped = NewsletterMail.stripped("<img src='" + HOST + "/open?id=1'>");
        NewsletterMail tiny = NewsletterMail.stripped("<img src='" + HOST + "/x.gif' width='1' height='1'>");

        assertThat(shaped.byService()).containsEntry("Open-tracking path", 1);
        assertThat(tiny.byService()).isEmpty();
    }

    @Test
    void serviceShouldLeaveLinksToAnOpenTrackingPathAlone() throws Exception {
        NewsletterMail result = NewsletterMail.stripped("<a href='" + HOST + "/open?account=new'>Open an account</a>");

        assertThat(result.untouched()).isTrue();
    }
}
