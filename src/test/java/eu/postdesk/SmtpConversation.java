package eu.postdesk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** A hand-driven SMTP client, so that tests can send what ordinary clients will not (no final CRLF, 8-bit headers). */
public final class SmtpConversation implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private String last;

    public SmtpConversation(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setSoTimeout(30_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        out = socket.getOutputStream();
    }

    public SmtpConversation command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /** Sends a message body, dot-stuffed, ending it with CRLF.CRLF whatever its own last line was. */
    public SmtpConversation data(byte[] raw) throws IOException {
        var stuffed = new java.io.ByteArrayOutputStream(raw.length + 64);
        boolean lineStart = true;
        for (byte b : raw) {
            if (lineStart && b == '.') {
                stuffed.write('.');
            }
            stuffed.write(b);
            lineStart = b == '\n';
        }
        out.write(stuffed.toByteArray());
        out.write(lineStart ? ".\r\n".getBytes(StandardCharsets.US_ASCII) : "\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return this;
    }

    public void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one (possibly multi-line) reply and checks its code. */
    public String expect(String code) throws IOException {
        String reply = reply();
        assertThat(reply).as("SMTP reply").startsWith(code);
        return reply;
    }

    public String reply() throws IOException {
        StringBuilder reply = new StringBuilder();
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                break;
            }
            reply.append(line).append('\n');
        } while (line.length() > 3 && line.charAt(3) == '-');
        last = reply.toString();
        return last;
    }

    public boolean isClosedByServer() {
        try {
            return in.read() == -1;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
