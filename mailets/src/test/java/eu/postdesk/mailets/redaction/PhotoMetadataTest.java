package eu.postdesk.mailets.redaction;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhotoMetadataTest {
    private static byte[] segment(int marker, String payload) {
        byte[] data = payload.getBytes(StandardCharsets.ISO_8859_1);
        byte[] segment = new byte[4 + data.length];
        segment[0] = (byte) 0xFF;
        segment[1] = (byte) marker;
        segment[2] = (byte) ((data.length + 2) >> 8);
        segment[3] = (byte) (data.length + 2);
        System.arraycopy(data, 0, segment, 4, data.length);
        return segment;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static final byte[] SOI = {(byte) 0xFF, (byte) 0xD8};
    private static final byte[] SCAN = concat(segment(0xDA, "scan-header"), "entropy\u00FF\u0000coded".getBytes(StandardCharsets.ISO_8859_1),
            new byte[] {(byte) 0xFF, (byte) 0xD9});

    @Test
    void stripJpegShouldDropExifXmpIptcAndCommentsAndKeepThePictureByteForByte() throws Exception {
        byte[] jfif = segment(0xE0, "JFIF\0");
        byte[] icc = segment(0xE2, "ICC_PROFILE\0colours");
        byte[] quant = segment(0xDB, "quantisation");
        byte[] jpeg = concat(SOI, jfif, segment(0xE1, "Exif\0\0GPS 54.5N 18.6E"), segment(0xE1, "http://ns.adobe.com/xap/1.0/ serial"),
                segment(0xED, "Photoshop 3.0 IPTC by-line"), icc, segment(0xFE, "taken at home"), quant, SCAN);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        boolean removed = PhotoMetadata.stripJpeg(new ByteArrayInputStream(jpeg), out);

        assertThat(removed).isTrue();
        assertThat(out.toByteArray()).isEqualTo(concat(SOI, jfif, icc, quant, SCAN));
    }

    @Test
    void stripJpegShouldReportNothingRemovedForACleanPhoto() throws Exception {
        byte[] jpeg = concat(SOI, segment(0xE0, "JFIF\0"), SCAN);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(PhotoMetadata.stripJpeg(new ByteArrayInputStream(jpeg), out)).isFalse();
        assertThat(out.toByteArray()).isEqualTo(jpeg);
    }

    @Test
    void stripJpegShouldRefuseATruncatedSegment() {
        byte[] jpeg = Arrays.copyOf(concat(SOI, segment(0xE1, "Exif\0\0GPS 54.5N 18.6E")), 12);

        assertThatThrownBy(() -> PhotoMetadata.stripJpeg(new ByteArrayInputStream(jpeg), new ByteArrayOutputStream()))
                .isInstanceOf(IOException.class);
    }

    private static byte[] chunk(String type, String payload) {
        byte[] data = payload.getBytes(StandardCharsets.ISO_8859_1);
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        long value = crc.getValue();
        byte[] chunk = new byte[12 + data.length];
        chunk[0] = (byte) (data.length >> 24);
        chunk[1] = (byte) (data.length >> 16);
        chunk[2] = (byte) (data.length >> 8);
        chunk[3] = (byte) data.length;
        System.arraycopy(typeBytes, 0, chunk, 4, 4);
        System.arraycopy(data, 0, chunk, 8, data.length);
        chunk[8 + data.length] = (byte) (value >> 24);
        chunk[9 + data.length] = (byte) (value >> 16);
        chunk[10 + data.length] = (byte) (value >> 8);
        chunk[11 + data.length] = (byte) value;
        return chunk;
    }

    @Test
    void stripPngShouldDropTextExifAndTimeChunksAndKeepTheRest() throws Exception {
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        byte[] header = chunk("IHDR", "0123456789abc");
        byte[] data = chunk("IDAT", "pixels");
        byte[] end = chunk("IEND", "");
        byte[] png = concat(signature, header, chunk("tEXt", "Author\0Lena"), chunk("eXIf", "GPS"), chunk("tIME", "7 bytes"),
                chunk("zTXt", "Comment\0\0x"), chunk("iTXt", "Location\0\0\0\0\0Gdansk"), data, end);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(PhotoMetadata.stripPng(new ByteArrayInputStream(png), out)).isTrue();
        assertThat(out.toByteArray()).isEqualTo(concat(signature, header, data, end));
    }
}
