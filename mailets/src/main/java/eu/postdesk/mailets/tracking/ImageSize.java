package eu.postdesk.mailets.tracking;

import org.jsoup.nodes.Element;

/**
 * The size an image declares, in pixels: from its inline CSS when it has one (that is what a mail client
 * renders), else from its {@code width} and {@code height} attributes; {@code null} where it says nothing
 * or something relative ({@code 100%}, {@code auto}).
 */
record ImageSize(Double width, Double height) {
    /** Open pixels are 1×1; a few senders use 2 or 3 pixels to slip under a 1-pixel test. */
    static final double TINY = 3;

    static ImageSize of(Element image) {
        InlineStyle style = InlineStyle.of(image.attr("style"));
        return new ImageSize(
                smaller(dimension(image.attr("width"), style.get("width")), InlineStyle.pixels(style.get("max-width"))),
                smaller(dimension(image.attr("height"), style.get("height")), InlineStyle.pixels(style.get("max-height"))));
    }

    /** Every declared dimension is at most {@link #TINY} pixels, and at least one is declared. */
    boolean tiny() {
        return (width != null || height != null) && (width == null || width <= TINY) && (height == null || height <= TINY);
    }

    /** A dimension larger than a pixel's is declared: the sender means a picture to be seen. */
    boolean picture() {
        return width != null && width > TINY || height != null && height > TINY;
    }

    private static Double dimension(String attribute, String css) {
        Double fromCss = InlineStyle.pixels(css);
        return fromCss != null ? fromCss : InlineStyle.pixels(attribute);
    }

    private static Double smaller(Double size, Double limit) {
        if (limit == null) {
            return size;
        }
        return size == null ? limit : Math.min(size, limit);
    }
}
