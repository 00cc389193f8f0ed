package eu.postdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Large mail with little memory: a server in its own JVM at {@code -Xmx256m} files a message with
 * a 50 MB attachment and a 100 MB message, serves the attachment and the sealed original back as
 * streams, and neither runs out of memory nor dies. The test builds its messages in files, as
 * streams, so that it holds none of them in memory either.
 */
class LargeMailTest {
    private static final String SUPPORT = "support@helpdesk.test";
    private static final String ADMIN = "large-mail-admin-token-0123456789";
    private static final String OFFICER = "large-mail-officer-token-0123456789";
    private static final long MB = 1024L * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Path data;
    private static Process server;
    private static int smtpPort;
    private static int httpPort;
    private static boolean passed;

    @BeforeAll
    static void startServer() throws Exception {
        data = Files.createTempDirectory("postdesk-large-");
        smtpPort = freePort();
        httpPort = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        server = new ProcessBuilder(java, "-Xmx256m", "-XX:+HeapDumpOnOutOfMemoryError", "-XX:HeapDumpPath=" + data,
                "-Xlog:gc:file=" + data.resolve("gc.log"),
                "-cp", System.getProperty("java.class.path"), Postdesk.class.getName(),
                "--server.port=" + httpPort, "--postdesk.smtp.port=" + smtpPort, "--postdesk.data-dir=" + data,
                "--postdesk.smtp.max-message-size=150MB",
                "--postdesk.support-addresses=" + SUPPORT, "--postdesk.api.admin-token=" + ADMIN, "--postdesk.api.privacy-officer-token=" + OFFICER,
                "--postdesk.agents[0].address=agent@corp.test", "--postdesk.agents[0].name=Agent",
                "--postdesk.conf-dir=" + data.resolve("no-conf"))
                .redirectErrorStream(true).redirectOutput(data.resolve("server.log").toFile()).start();
        RunningPostdesk.eventually("the server to listen", () -> {
            if (!server.isAlive()) {
                throw new AssertionError("the server exited with " + server.exitValue() + "; see " + data.resolve("server.log"));
            }
            return listens(smtpPort) && listens(httpPort);
        }, Duration.ofSeconds(180));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
            }
        }
        // a failed run keeps its folder (server log, GC log, heap dump) to look into
        if (passed) {
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void aFiftyMegabyteAttachmentAndAHundredMegabyteMessageAreFiledAtTwoHundredFiftySixMegabytesOfHeap() throws Exception {
        Path binary = Files.createTempFile(data, "binary-", ".eml");
        Path log = Files.createTempFile(data, "log-", ".eml");
        String binaryHash = binaryMessage(binary, "ada@large.example", 50 * MB);
        logMessage(log, "bob@large.example", 100 * MB);
        assertThat(Files.size(binary)).isGreaterThan(50 * MB);
        assertThat(Files.size(log)).isGreaterThan(100 * MB);

        send(binary, "ada@large.example");
        send(log, "bob@large.example");

        JsonNode ada = awaitTicketOf("ada@large.example");
        JsonNode adaMessage = ada.get("messages").get(0);
        JsonNode capture = attachmentNamed(adaMessage, "capture.bin");
        assertThat(capture.get("size").asLong()).isEqualTo(50 * MB);
        assertThat(capture.get("fate").asString()).isEqualTo("kept");

        JsonNode bob = awaitTicketOf("bob@large.example");
        JsonNode serverLog = attachmentNamed(bob.get("messages").get(0), "server.log");
        // more text than the redaction mailet inspects (maxExtractedChars): withheld, and only its notice stored
        assertThat(serverLog.get("fate").asString()).as("too large to inspect").isEqualTo("quarantined");
        assertThat(serverLog.get("size").asLong()).isPositive().isLessThan(MB);

        // what was stored comes back whole, as a stream
        assertThat(sha256Of("/attachments/" + capture.get("id").asLong(), ADMIN)).isEqualTo(binaryHash);
        String officer = officerToken();
        String reason = URLEncoder.encode("large mail test: the original is complete", StandardCharsets.UTF_8);
        assertThat(sha256OfEnd("/messages/" + adaMessage.get("id").asLong() + "/original?reason=" + reason, officer, Files.size(binary)))
                .as("the sealed original opens to the bytes sent (after the Received: header the ingress adds)").isEqualTo(sha256(binary));

        // the agent is told about the large attachment instead of receiving it
        assertThat(get("/outbox", ADMIN).body()).contains("notification");

        assertThat(server.isAlive()).as("the server survived").isTrue();
        String output = Files.readString(data.resolve("server.log"));
        assertThat(output).doesNotContain("OutOfMemoryError");
        System.out.println("LargeMailTest: largest heap after a collection " + largestHeapAfterGc() + " MB of 256 MB");
        passed = true;
    }

    @Test
    void aFortyMegabytePhotoLosesItsMetadataAtTwoHundredFiftySixMegabytesOfHeap() throws Exception {
        Path message = Files.createTempFile(data, "photo-", ".eml");
        String strippedHash = photoMessage(message, "cleo@large.example", 40 * MB);
        assertThat(Files.size(message)).isGreaterThan(40 * MB);

        send(message, "cleo@large.example");

        JsonNode photo = attachmentNamed(awaitTicketOf("cleo@large.example").get("messages").get(0), "photo.jpg");
        assertThat(photo.get("fate").asString()).isEqualTo("kept");
        assertThat(sha256Of("/attachments/" + photo.get("id").asLong(), ADMIN))
                .as("the photo as sent, without its Exif, XMP, IPTC and comment segments, the picture byte for byte").isEqualTo(strippedHash);
        assertThat(server.isAlive()).as("the server survived").isTrue();
        assertThat(Files.readString(data.resolve("server.log"))).doesNotContain("OutOfMemoryError");
        System.out.println("LargeMailTest (photo): largest heap after a collection " + largestHeapAfterGc() + " MB of 256 MB");
    }

    /**
     * A message with a JPEG of about this many bytes (GPS in its Exif segment, XMP, IPTC, a comment,
     * then the scan), base64; returns the SHA-256 of that JPEG without its metadata segments.
     */
    private static String photoMessage(Path file, String from, long bytes) throws Exception {
        MessageDigest stripped = MessageDigest.getInstance("SHA-256");
        byte[] soi = {(byte) 0xFF, (byte) 0xD8};
        byte[] jfif = jpegSegment(0xE0, "JFIF\0\1\1\0\0\1\0\1\0\0");
        byte[] exif = jpegSegment(0xE1, "Exif\0\0GPSLatitude 54.3520 N GPSLongitude 18.6466 E BodySerialNumber 0123456789".repeat(50));
        byte[] xmp = jpegSegment(0xE1, "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Lena Kowalska, Gdansk</x:xmpmeta>");
        byte[] iptc = jpegSegment(0xED, "Photoshop 3.0\0IPTC by-line Lena Kowalska");
        byte[] comment = jpegSegment(0xFE, "taken at Dluga 12, Gdansk");
        byte[] tables = jpegSegment(0xDB, "\0" + "\u0010".repeat(64));
        byte[] frame = jpegSegment(0xC0, "\u0008\u0004\u0000\u0004\u0000\u0001\u0001\u0011\u0000");
        byte[] scan = jpegSegment(0xDA, "\u0001\u0001\u0000\u0000\u003F\u0000");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(headers(from, "Photo of the broken device", "multipart/mixed; boundary=\"b3\"").getBytes(StandardCharsets.US_ASCII));
            out.write(("--b3\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nA photo of the broken device is attached.\r\n"
                    + "--b3\r\nContent-Type: image/jpeg; name=\"photo.jpg\"\r\n"
                    + "Content-Disposition: attachment; filename=\"photo.jpg\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            try (OutputStream jpeg = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).wrap(nonClosing(out))) {
                for (byte[] kept : List.of(soi, jfif)) {
                    jpeg.write(kept);
                    stripped.update(kept);
                }
                jpeg.write(exif);
                jpeg.write(xmp);
                jpeg.write(iptc);
                jpeg.write(comment);
                for (byte[] kept : List.of(tables, frame, scan)) {
                    jpeg.write(kept);
                    stripped.update(kept);
                }
                SplittableRandom random = new SplittableRandom(40);
                byte[] chunk = new byte[57 * 1024];
                for (long left = bytes; left > 0; left -= chunk.length) {
                    random.nextBytes(chunk);
                    int length = (int) Math.min(chunk.length, left);
                    jpeg.write(chunk, 0, length);
                    stripped.update(chunk, 0, length);
                }
                byte[] eoi = {(byte) 0xFF, (byte) 0xD9};
                jpeg.write(eoi);
                stripped.update(eoi);
            }
            out.write("\r\n--b3--\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return HexFormat.of().formatHex(stripped.digest());
    }

    private static byte[] jpegSegment(int marker, String payload) {
        byte[] data = payload.getBytes(StandardCharsets.ISO_8859_1);
        byte[] segment = new byte[4 + data.length];
        segment[0] = (byte) 0xFF;
        segment[1] = (byte) marker;
        segment[2] = (byte) ((data.length + 2) >> 8);
        segment[3] = (byte) (data.length + 2);
        System.arraycopy(data, 0, segment, 4, data.length);
        return segment;
    }

    /** A message with one random binary attachment of this many bytes, base64; returns the attachment's SHA-256. */
    private static String binaryMessage(Path file, String from, long bytes) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(headers(from, "Capture of the failing upload", "multipart/mixed; boundary=\"b1\"").getBytes(StandardCharsets.US_ASCII));
            out.write(("--b1\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nThe capture of the failing upload is attached.\r\n"
                    + "--b1\r\nContent-Type: application/octet-stream; name=\"capture.bin\"\r\n"
                    + "Content-Disposition: attachment; filename=\"capture.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            OutputStream encoded = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).wrap(nonClosing(out));
            try (OutputStream plain = new DigestOutputStream(encoded, digest)) {
                SplittableRandom random = new SplittableRandom(50);
                byte[] chunk = new byte[57 * 1024];
                for (long left = bytes; left > 0; left -= chunk.length) {
                    random.nextBytes(chunk);
                    plain.write(chunk, 0, (int) Math.min(chunk.length, left));
                }
            }
            out.write("\r\n--b1--\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A message with a plain-text log of this many bytes, sent as it is (8bit). */
    private static void logMessage(Path file, String from, long bytes) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(headers(from, "Server log from last night", "multipart/mixed; boundary=\"b2\"").getBytes(StandardCharsets.US_ASCII));
            out.write(("--b2\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nOur server log of last night is attached.\r\n"
                    + "--b2\r\nContent-Type: text/plain; charset=UTF-8; name=\"server.log\"\r\n"
                    + "Content-Disposition: attachment; filename=\"server.log\"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            SplittableRandom random = new SplittableRandom(100);
            long written = 0;
            long line = 0;
            while (written < bytes) {
                String text = String.format("2026-11-23T%02d:%02d:%02d.%03dZ INFO  worker-%d request %d served in %d ms%n",
                        line / 3_600_000 % 24, line / 60_000 % 60, line / 1000 % 60, line % 1000, random.nextInt(16), line, random.nextInt(900))
                        .replace("\n", "\r\n");
                byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
                int length = (int) Math.min(ascii.length, bytes - written);
                if (length < ascii.length) {
                    // the last line is padded to end the log at exactly the size asked for
                    ascii = ("x".repeat(Math.max(0, length - 2)) + "\r\n").substring(0, length).getBytes(StandardCharsets.US_ASCII);
                }
                out.write(ascii, 0, length);
                written += length;
                line++;
            }
            out.write("\r\n--b2--\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static String headers(String from, String subject, String contentType) {
        return "From: " + from + "\r\nTo: " + SUPPORT + "\r\nSubject: " + subject + "\r\nMessage-ID: <" + java.util.UUID.randomUUID()
                + "@large.example>\r\nDate: Mon, 23 Nov 2026 08:00:00 +0100\r\nMIME-Version: 1.0\r\nContent-Type: " + contentType + "\r\n\r\n";
    }

    /** Sends a message file over SMTP, streaming it (none of its lines starts with a dot). */
    private static void send(Path message, String from) throws IOException {
        try (SmtpConversation smtp = new SmtpConversation("127.0.0.1", smtpPort); InputStream in = Files.newInputStream(message)) {
            smtp.expect("220");
            smtp.command("EHLO large.example").expect("250");
            smtp.command("MAIL FROM:<" + from + ">").expect("250");
            smtp.command("RCPT TO:<" + SUPPORT + ">").expect("250");
            smtp.command("DATA").expect("354");
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = in.read(buffer)) != -1) {
                smtp.writeRaw(java.util.Arrays.copyOf(buffer, read));
            }
            smtp.writeRaw(".\r\n".getBytes(StandardCharsets.US_ASCII));
            smtp.expect("250");
            smtp.command("QUIT");
        }
    }

    private static JsonNode awaitTicketOf(String customer) {
        List<JsonNode> found = new ArrayList<>();
        RunningPostdesk.eventually("a ticket of " + customer, () -> {
            if (!server.isAlive()) {
                throw new AssertionError("the server died; see " + data.resolve("server.log"));
            }
            found.clear();
            JSON.readTree(get("/tickets", ADMIN).body()).valueStream()
                    .filter(t -> t.get("customer").asString().equals(customer)).forEach(found::add);
            return !found.isEmpty();
        }, Duration.ofMinutes(5));
        return JSON.readTree(get("/tickets/" + found.get(0).get("number").asLong(), ADMIN).body());
    }

    private static JsonNode attachmentNamed(JsonNode message, String name) {
        return message.get("attachments").valueStream().filter(a -> a.get("name").asString().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no attachment " + name + " in " + message.get("attachments")));
    }

    private static String officerToken() {
        HttpResponse<String> issued = send(HttpRequest.newBuilder(api("/tokens"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"large mail officer\",\"role\":\"privacy-officer\"}"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + OFFICER), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(issued.body()).get("token").asString();
    }

    private static HttpResponse<String> get(String path, String token) {
        return send(HttpRequest.newBuilder(api(path)).header("Authorization", "Bearer " + token), HttpResponse.BodyHandlers.ofString());
    }

    /** The SHA-256 of a response body, read as a stream. */
    private static String sha256Of(String path, String token) throws Exception {
        HttpResponse<InputStream> response = send(HttpRequest.newBuilder(api(path)).header("Authorization", "Bearer " + token),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = response.body(); OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            in.transferTo(sink);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The SHA-256 of the last {@code length} bytes of a response body, read as a stream; what comes before is a header block. */
    private static String sha256OfEnd(String path, String token, long length) throws Exception {
        HttpResponse<InputStream> response = send(HttpRequest.newBuilder(api(path)).header("Authorization", "Bearer " + token),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
        long total = response.headers().firstValueAsLong("Content-Length").orElseThrow();
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = response.body(); OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            byte[] prefix = in.readNBytes((int) (total - length));
            assertThat(new String(prefix, StandardCharsets.US_ASCII)).startsWith("Received:");
            in.transferTo(sink);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file); OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            in.transferTo(sink);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static URI api(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + "/api" + path);
    }

    private static <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return HttpClient.newHttpClient().send(request.timeout(Duration.ofMinutes(2)).build(), body);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The largest heap occupancy after a collection in the server's GC log, in MB. */
    private static long largestHeapAfterGc() throws IOException {
        Matcher after = Pattern.compile("->(\\d+)M\\(").matcher(Files.readString(data.resolve("gc.log")));
        long largest = 0;
        while (after.find()) {
            largest = Math.max(largest, Long.parseLong(after.group(1)));
        }
        return largest;
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    private static int freePort() throws IOException {
        try (var probe = new java.net.ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    private static boolean listens(int port) {
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }
}
