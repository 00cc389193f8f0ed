package eu.postdesk.pipeline;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * SpamAssassin's spamd, over its own protocol (SPAMC/1.5 on TCP): {@code CHECK} for the verdict,
 * {@code TELL} to learn spam (spamd started with {@code --allow-tell}). The message is streamed
 * from its file; the answer's headers are read within a bound, so a confused peer cannot make us
 * read forever.
 */
@Component
public class Spamd implements SpamFilter {
    private static final Pattern STATUS = Pattern.compile("SPAMD/\\d\\.\\d+ (\\d+) (\\S+).*");
    private static final Pattern SPAM = Pattern.compile("Spam: (True|False|Yes|No) ; (-?[\\d.]+) / (-?[\\d.]+)", Pattern.CASE_INSENSITIVE);
    private static final int MAX_ANSWER = 64 * 1024;

    private final SpamSettings settings;

    public Spamd(SpamSettings settings) {
        this.settings = settings;
    }

    @Override
    public boolean configured() {
        return settings.spamdConfigured();
    }

    @Override
    public SpamVerdict check(Path file, String envelopeFrom, List<String> recipients) throws IOException {
        String answer = ask("CHECK", "", file);
        Matcher spam = SPAM.matcher(answer);
        if (!spam.find()) {
            throw new IOException("spamd's answer has no Spam header");
        }
        boolean isSpam = spam.group(1).equalsIgnoreCase("true") || spam.group(1).equalsIgnoreCase("yes");
        return new SpamVerdict("spamd", isSpam, isSpam ? "spam" : "ham", Double.parseDouble(spam.group(2)), Double.parseDouble(spam.group(3)));
    }

    @Override
    public boolean learnSpam(Path file) throws IOException {
        // spamd says what it set; nothing when it had learned this message already or cannot learn
        return ask("TELL", "Message-class: spam\r\nSet: local\r\n", file).contains("DidSet: local");
    }

    private String ask(String command, String headers, Path file) throws IOException {
        String[] hostPort = settings.spamdAddress().strip().split(":");
        int timeout = (int) settings.timeout().toMillis();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), timeout);
            socket.setSoTimeout(timeout);
            OutputStream out = socket.getOutputStream();
            out.write((command + " SPAMC/1.5\r\n" + headers + "Content-length: " + Files.size(file) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Files.copy(file, out);
            out.flush();
            socket.shutdownOutput();
            String answer = readBounded(new BufferedInputStream(socket.getInputStream()));
            Matcher status = STATUS.matcher(answer.lines().findFirst().orElse(""));
            if (!status.matches()) {
                throw new IOException("spamd did not answer in its protocol");
            }
            if (!"0".equals(status.group(1))) {
                throw new IOException("spamd answered " + status.group(1) + " " + status.group(2) + " to " + command);
            }
            return answer;
        }
    }

    private static String readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int n;
        while ((n = in.read(buffer)) > 0) {
            answer.write(buffer, 0, n);
            if (answer.size() > MAX_ANSWER) {
                throw new IOException("spamd's answer is longer than " + MAX_ANSWER + " bytes");
            }
        }
        return answer.toString(StandardCharsets.ISO_8859_1);
    }
}
