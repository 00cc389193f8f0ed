package eu.postdesk.mailets.tracking;

/** What a tracker service's URL does: counts opens (images), wraps clicks (links), or both. */
enum Role {
    OPEN, CLICK, ANY;

    boolean tracksOpens() {
        return this != CLICK;
    }

    boolean wrapsClicks() {
        return this != OPEN;
    }
}
