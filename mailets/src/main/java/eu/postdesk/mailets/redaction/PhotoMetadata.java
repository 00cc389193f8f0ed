package eu.postdesk.mailets.redaction;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * Removes the metadata a photo carries about where, when and with what it was taken (EXIF GPS,
 * camera serial, XMP, IPTC, comments), without re-encoding the picture. Both rewrites are streams:
 * segment by segment, chunk by chunk, so that a large photo never sits in memory. JPEG keeps
 * APP0 (JFIF), APP2 (ICC colour profile) and APP14 (Adobe colour transform) and drops the other
 * application segments and comments; PNG drops its text, EXIF and time chunks.
 */
final class PhotoMetadata {
    private static final int SOS = 0xDA;
    private static final int EOI = 0xD9;
    private static final int COM = 0xFE;
    private static final Set<Integer> KEPT_APP_SEGMENTS = Set.of(0xE0, 0xE2, 0xEE);
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final Set<String> PNG_METADATA_CHUNKS = Set.of("eXIf", "tEXt", "iTXt", "zTXt", "tIME");
    private static final int BUFFER = 64 * 1024;

    private PhotoMetadata() {
    }

    /** Copies the JPEG without its metadata segments; true when any was removed. */
    static boolean stripJpeg(InputStream in, OutputStream out) throws IOException {
        if (in.read() != 0xFF || in.read() != 0xD8) {
            throw new IOException("not a JPEG");
        }
        out.write(0xFF);
        out.write(0xD8);
        boolean removed = false;
        while (true) {
            if (readByte(in) != 0xFF) {
                throw new IOException("broken JPEG marker structure");
            }
            int marker = readByte(in);
            while (marker == 0xFF) {
                marker = readByte(in); // fill bytes before a marker
            }
            if (marker == EOI || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
                out.write(0xFF);
                out.write(marker);
                if (marker == EOI) {
                    in.transferTo(out);
                    return removed;
                }
                continue;
            }
            int high = readByte(in);
            int length = (high << 8) | readByte(in);
            if (length < 2) {
                throw new IOException("broken JPEG segment length");
            }
            if (isMetadata(marker)) {
                skipFully(in, length - 2);
                removed = true;
                continue;
            }
            out.write(0xFF);
            out.write(marker);
            out.write(length >> 8);
            out.write(length & 0xFF);
            if (marker == SOS) {
                // After the scan header comes entropy-coded data: copy the rest of the file as it is.
                in.transferTo(out);
                return removed;
            }
            copyFully(in, out, length - 2);
        }
    }

    private static boolean isMetadata(int marker) {
        return marker == COM || marker >= 0xE0 && marker <= 0xEF && !KEPT_APP_SEGMENTS.contains(marker);
    }

    /** Copies the PNG without its eXIf, tEXt, iTXt, zTXt and tIME chunks; true when any was removed. */
    static boolean stripPng(InputStream in, OutputStream out) throws IOException {
        byte[] signature = in.readNBytes(PNG_SIGNATURE.length);
        if (!Arrays.equals(signature, PNG_SIGNATURE)) {
            throw new IOException("not a PNG");
        }
        out.write(signature);
        boolean removed = false;
        while (true) {
            byte[] header = in.readNBytes(8);
            if (header.length == 0) {
                return removed; // no IEND: copied as far as it goes
            }
            if (header.length < 8) {
                throw new IOException("truncated PNG chunk");
            }
            long length = ((header[0] & 0xFFL) << 24) | ((header[1] & 0xFF) << 16) | ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
            String type = new String(header, 4, 4, StandardCharsets.ISO_8859_1);
            if (PNG_METADATA_CHUNKS.contains(type)) {
                skipFully(in, length + 4);
                removed = true;
                continue;
            }
            out.write(header);
            copyFully(in, out, length + 4);
            if ("IEND".equals(type)) {
                in.transferTo(out);
                return removed;
            }
        }
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("truncated image");
        }
        return b;
    }

    private static void skipFully(InputStream in, long count) throws IOException {
        long left = count;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("truncated image");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static void copyFully(InputStream in, OutputStream out, long count) throws IOException {
        byte[] buffer = new byte[(int) Math.min(BUFFER, Math.max(count, 1))];
        long left = count;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new EOFException("truncated image");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }
}
