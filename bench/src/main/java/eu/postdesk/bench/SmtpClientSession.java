package eu.postdesk.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One SMTP connection that sends many messages: EHLO once, then MAIL, RCPT, DATA and RSET per
 * message, one command at a time (no PIPELINING), as a relay hands a queue to a mail server.
 */
final class SmtpClientSession implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    SmtpClientSession(String host, int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 10_000);
        socket.setSoTimeout(120_000);
        in = new BufferedInputStream(socket.getInputStream(), 8192);
        out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        expect(220, "greeting");
        command("EHLO load.bench.test", 250);
    }

    /** Sends one message and returns the nanoTime at which its 250 arrived. */
    long send(String from, String to, byte[] message) throws IOException {
        command("MAIL FROM:<" + from + ">", 250);
        command("RCPT TO:<" + to + ">", 250);
        command("DATA", 354);
        writeDotStuffed(message);
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(250, "end of data");
        long accepted = System.nanoTime();
        command("RSET", 250);
        return accepted;
    }

    private void writeDotStuffed(byte[] message) throws IOException {
        int start = 0;
        boolean lineStart = true;
        for (int i = 0; i < message.length; i++) {
            if (lineStart && message[i] == '.') {
                out.write(message, start, i - start);
                out.write('.');
                start = i;
            }
            lineStart = message[i] == '\n';
        }
        out.write(message, start, message.length - start);
        if (message.length < 2 || message[message.length - 2] != '\r' || message[message.length - 1] != '\n') {
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private void command(String line, int expected) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(expected, line);
    }

    /** Reads a (possibly multi-line) reply and fails unless its code is the expected one. */
    private void expect(int expected, String after) throws IOException {
        String reply;
        do {
            reply = readLine();
        } while (reply.length() > 3 && reply.charAt(3) == '-');
        if (reply.length() < 3 || !reply.startsWith(Integer.toString(expected))) {
            throw new IOException("after " + after + " expected " + expected + " but the server said: " + reply);
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        if (b == -1 && line.size() == 0) {
            throw new IOException("the server closed the connection");
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        try {
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            readLine();
        } catch (IOException ignored) {
            // closing anyway
        } finally {
            socket.close();
        }
    }
}
