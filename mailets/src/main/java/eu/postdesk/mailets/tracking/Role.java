package eu.postdesk.mailets.tracking;

/**
 * What a tracker service's URL does: counts opens (images), wraps clicks (links), or both. {@code SHAPE}
 * is a path typical of open tracking whatever the host: an image there is a pixel unless it declares the
 * size of a picture, since such paths are generic enough that an ordinary picture may live at one.
 */
enum Role {
    OPEN, CLICK, ANY, SHAPE;

    boolean tracksOpens() {
        return this == OPEN || this == ANY;
    }

    boolean wrapsClicks() {
        return this == CLICK || this == ANY;
    }
}
