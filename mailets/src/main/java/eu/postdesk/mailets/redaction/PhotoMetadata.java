package eu.postdesk.mailets.redaction;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Set;

/**
 * Removes the metadata a photo carries about where and with what it was taken (EXIF GPS, camera
 * serial, XMP), without re-encoding the picture: JPEG APP1 segments and PNG text/EXIF chunks are
 * dropped, every other byte is copied.
 */
final class PhotoMetadata {
    private static final int APP1 = 0xE1;
    private static final int SOS = 0xDA;
    private static final int EOI = 0xD9;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final Set<String> PNG_METADATA_CHUNKS = Set.of("eXIf", "tEXt", "iTXt", "zTXt");

    private PhotoMetadata() {
    }

    /** The JPEG without its APP1 (Exif, XMP) segments, or null when it has none. */
    static byte[] stripJpeg(byte[] jpeg) throws IOException {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            throw new IOException("not a JPEG");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length);
        out.write(jpeg, 0, 2);
        boolean removed = false;
        int at = 2;
        while (true) {
            if (at + 1 >= jpeg.length || (jpeg[at] & 0xFF) != 0xFF) {
                throw new IOException("broken JPEG marker structure");
            }
            int marker = jpeg[at + 1] & 0xFF;
            if (marker == 0xFF) {
                at++; // fill byte before a marker
                continue;
            }
            if (marker == EOI || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
                out.write(jpeg, at, 2);
                at += 2;
                if (marker == EOI) {
                    out.write(jpeg, at, jpeg.length - at);
                    break;
                }
                continue;
            }
            if (at + 3 >= jpeg.length) {
                throw new IOException("truncated JPEG segment");
            }
            int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
            int next = at + 2 + length;
            if (length < 2 || next > jpeg.length) {
                throw new IOException("truncated JPEG segment");
            }
            if (marker == APP1) {
                removed = true;
            } else if (marker == SOS) {
                // After the scan header comes entropy-coded data: copy the rest of the file as it is.
                out.write(jpeg, at, jpeg.length - at);
                break;
            } else {
                out.write(jpeg, at, next - at);
            }
            at = next;
        }
        return removed ? out.toByteArray() : null;
    }

    /** The PNG without its eXIf, tEXt, iTXt and zTXt chunks, or null when it has none. */
    static byte[] stripPng(byte[] png) throws IOException {
        if (png.length < PNG_SIGNATURE.length || !java.util.Arrays.equals(png, 0, 8, PNG_SIGNATURE, 0, 8)) {
            throw new IOException("not a PNG");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length);
        out.write(png, 0, 8);
        boolean removed = false;
        int at = 8;
        while (at < png.length) {
            if (at + 8 > png.length) {
                throw new IOException("truncated PNG chunk");
            }
            long length = ((png[at] & 0xFFL) << 24) | ((png[at + 1] & 0xFF) << 16) | ((png[at + 2] & 0xFF) << 8) | (png[at + 3] & 0xFF);
            long next = at + 12L + length;
            if (next > png.length) {
                throw new IOException("truncated PNG chunk");
            }
            String type = new String(png, at + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (PNG_METADATA_CHUNKS.contains(type)) {
                removed = true;
            } else {
                out.write(png, at, (int) (next - at));
            }
            at = (int) next;
            if ("IEND".equals(type)) {
                out.write(png, at, png.length - at);
                break;
            }
        }
        return removed ? out.toByteArray() : null;
    }
}
