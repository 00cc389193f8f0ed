package eu.postdesk.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

import eu.postdesk.tls.Pem;

/**
 * DKIM-signs (RFC 6376, relaxed/relaxed; rsa-sha256, or ed25519-sha256 per RFC 8463 for an Ed25519
 * key) every mail Postdesk sends, at send time over exactly the bytes handed to the relay, so that
 * every header is final. Signs the headers DMARC and threading rely on, and over-signs the ones a
 * forger would add a second copy of.
 */
@Component
@EnableConfigurationProperties(DkimSettings.class)
public class DkimSigner {
    private static final Logger log = LoggerFactory.getLogger(DkimSigner.class);

    /** Signed when present, in this order. */
    static final List<String> SIGNED = List.of("from", "sender", "reply-to", "to", "cc", "subject", "date", "message-id",
            "in-reply-to", "references", "mime-version", "content-type", "content-transfer-encoding", "content-language",
            "content-disposition", "auto-submitted", "x-auto-response-suppress", "precedence", "x-loop",
            "list-id", "list-unsubscribe", "list-unsubscribe-post");
    /** Signed once more than present, so that an added copy breaks the signature (RFC 6376 8.15). */
    static final Set<String> OVERSIGNED = Set.of("from", "sender", "reply-to", "to", "cc", "subject", "date", "message-id",
            "in-reply-to", "references", "mime-version", "content-type", "content-transfer-encoding");

    private final DkimSettings settings;
    private final PrivateKey key;
    private final Clock clock;

    @Autowired
    public DkimSigner(DkimSettings settings) {
        this(settings, Clock.systemUTC());
    }

    DkimSigner(DkimSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        if (!settings.configured()) {
            this.key = null;
            log.info("no DKIM key configured (postdesk.dkim.domain, .selector, .private-key): outgoing mail is not DKIM-signed");
            return;
        }
        Resource resource = new DefaultResourceLoader().getResource(settings.privateKey());
        try (InputStream in = resource.getInputStream()) {
            this.key = Pem.privateKey(new String(in.readAllBytes(), StandardCharsets.US_ASCII), "postdesk.dkim.private-key " + settings.privateKey());
        } catch (IOException e) {
            throw new IllegalStateException("postdesk.dkim.private-key: cannot read a PEM private key from " + settings.privateKey() + ": " + e.getMessage(), e);
        }
        if (!algorithm().equals("rsa-sha256") && !algorithm().equals("ed25519-sha256")) {
            throw new IllegalStateException("postdesk.dkim.private-key: an RSA or Ed25519 key is needed, got " + key.getAlgorithm());
        }
        log.info("outgoing mail is DKIM-signed for d={} s={} ({})", settings.domain(), settings.selector(), algorithm());
    }

    public boolean signs() {
        return key != null;
    }

    /**
     * The message with CRLF line ends and a DKIM-Signature header on top; unchanged (but for line
     * ends) without a key. What this returns must be sent as it is.
     */
    public byte[] sign(byte[] raw) {
        byte[] message = crlf(raw);
        if (key == null) {
            return message;
        }
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String headerBlock = end < 0 ? text : text.substring(0, end + 2);
        String body = end < 0 ? "" : text.substring(end + 4);
        List<String> fields = fields(headerBlock);

        Map<String, List<String>> byName = new HashMap<>();
        for (String field : fields) {
            byName.computeIfAbsent(name(field), n -> new ArrayList<>()).add(field);
        }
        List<String> signedNames = new ArrayList<>();
        StringBuilder data = new StringBuilder();
        for (String name : SIGNED) {
            List<String> present = byName.getOrDefault(name, List.of());
            // the bottom-most instance is signed first (RFC 6376 5.4.2)
            for (int i = present.size() - 1; i >= 0; i--) {
                signedNames.add(name);
                data.append(relaxedHeader(present.get(i))).append("\r\n");
            }
            if (OVERSIGNED.contains(name)) {
                signedNames.add(name);
            }
        }
        String bodyHash = Base64.getEncoder().encodeToString(sha256(relaxedBody(body)));
        String unsigned = "DKIM-Signature: v=1; a=" + algorithm() + "; c=relaxed/relaxed; d=" + settings.domain()
                + "; s=" + settings.selector() + "; t=" + clock.instant().getEpochSecond() + ";\r\n\th=" + foldedNames(signedNames)
                + ";\r\n\tbh=" + bodyHash + ";\r\n\tb=";
        data.append(relaxedHeader(unsigned));
        String signature = Base64.getEncoder().encodeToString(signature(data.toString().getBytes(StandardCharsets.ISO_8859_1)));
        StringBuilder header = new StringBuilder(unsigned);
        for (int i = 0; i < signature.length(); i += 72) {
            header.append(i == 0 ? "" : "\r\n\t ").append(signature, i, Math.min(signature.length(), i + 72));
        }
        header.append("\r\n");
        byte[] top = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] signed = new byte[top.length + message.length];
        System.arraycopy(top, 0, signed, 0, top.length);
        System.arraycopy(message, 0, signed, top.length, message.length);
        return signed;
    }

    private String algorithm() {
        return switch (key.getAlgorithm()) {
            case "RSA" -> "rsa-sha256";
            case "Ed25519", "EdDSA" -> "ed25519-sha256";
            default -> key.getAlgorithm();
        };
    }

    private byte[] signature(byte[] data) {
        try {
            if (algorithm().equals("ed25519-sha256")) {
                // RFC 8463: Ed25519 signs the SHA-256 hash of the canonicalised headers
                Signature ed = Signature.getInstance("Ed25519");
                ed.initSign(key);
                ed.update(sha256(data));
                return ed.sign();
            }
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(data);
            return rsa.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("DKIM signing failed: " + e.getMessage(), e);
        }
    }

    /** Header fields with their continuation lines, without the final CRLF. */
    static List<String> fields(String headerBlock) {
        List<String> fields = new ArrayList<>();
        for (String line : headerBlock.split("\r\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !fields.isEmpty()) {
                fields.set(fields.size() - 1, fields.get(fields.size() - 1) + "\r\n" + line);
            } else {
                fields.add(line);
            }
        }
        return fields;
    }

    private static String name(String field) {
        int colon = field.indexOf(':');
        return (colon < 0 ? field : field.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
    }

    /** RFC 6376 3.4.2. */
    static String relaxedHeader(String field) {
        int colon = field.indexOf(':');
        String value = field.substring(colon + 1).replace("\r\n", "").replaceAll("[ \t]+", " ").replaceAll("^ | $", "");
        return name(field) + ":" + value;
    }

    /** RFC 6376 3.4.4. */
    static byte[] relaxedBody(String body) {
        List<String> lines = new ArrayList<>(List.of(body.split("\r\n", -1)));
        if (body.endsWith("\r\n") || body.isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).replaceAll("[ \t]+", "").isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        StringBuilder out = new StringBuilder(body.length());
        for (String line : lines) {
            out.append(line.replaceAll("[ \t]+", " ").replaceAll(" $", "")).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String foldedNames(List<String> names) {
        StringBuilder out = new StringBuilder();
        int line = 4;
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(':');
                if (line + names.get(i).length() > 72) {
                    out.append("\r\n\t  ");
                    line = 2;
                }
            }
            out.append(names.get(i));
            line += names.get(i).length() + 1;
        }
        return out.toString();
    }

    /** Bare LF and bare CR become CRLF, as SMTP will send them. */
    static byte[] crlf(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + raw.length / 40 + 16);
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '\r') {
                out.write('\r');
                out.write('\n');
                if (i + 1 < raw.length && raw[i + 1] == '\n') {
                    i++;
                }
            } else if (b == '\n') {
                out.write('\r');
                out.write('\n');
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
