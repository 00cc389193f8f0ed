package eu.postdesk.mailets.redaction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads a JPEG's marker list and its scan data, to check what metadata removal kept. */
final class JpegSegments {
    private JpegSegments() {
    }

    static List<Integer> markers(byte[] jpeg) {
        List<Integer> markers = new ArrayList<>();
        int at = 2;
        while (at + 3 < jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
            int marker = jpeg[at + 1] & 0xFF;
            markers.add(marker);
            if (marker == 0xDA) {
                break;
            }
            at += 2 + (((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF));
        }
        return markers;
    }

    /** Everything from the start of the first scan: must be untouched by metadata removal. */
    static byte[] imageData(byte[] jpeg) {
        for (int at = 2; at + 1 < jpeg.length; at++) {
            if ((jpeg[at] & 0xFF) == 0xFF && (jpeg[at + 1] & 0xFF) == 0xDA) {
                return Arrays.copyOfRange(jpeg, at, jpeg.length);
            }
        }
        return new byte[0];
    }
}
