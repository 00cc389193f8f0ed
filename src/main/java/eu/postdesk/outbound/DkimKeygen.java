package eu.postdesk.outbound;

import java.io.PrintStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

import eu.postdesk.tls.Pem;

/**
 * {@code bin/postdesk dkim-keygen [--domain=example.com] [--selector=postdesk] [--type=rsa|ed25519]}:
 * prints a new private key (PEM, to save as the file {@code postdesk.dkim.private-key} names) and
 * the DNS TXT record that publishes its public half.
 */
public final class DkimKeygen {
    private DkimKeygen() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        String domain = "example.com";
        String selector = "postdesk";
        String type = "rsa";
        for (String arg : args) {
            if (arg.startsWith("--domain=")) {
                domain = arg.substring("--domain=".length());
            } else if (arg.startsWith("--selector=")) {
                selector = arg.substring("--selector=".length());
            } else if (arg.startsWith("--type=")) {
                type = arg.substring("--type=".length()).toLowerCase(Locale.ROOT);
            } else {
                err.println("usage: postdesk dkim-keygen [--domain=example.com] [--selector=postdesk] [--type=rsa|ed25519]");
                return 2;
            }
        }
        try {
            new DkimSettings(domain, selector, "unused");
        } catch (IllegalStateException e) {
            err.println(e.getMessage().replace("postdesk.dkim.", "--"));
            return 2;
        }
        if (!type.equals("rsa") && !type.equals("ed25519")) {
            err.println("--type must be rsa or ed25519");
            return 2;
        }
        KeyPair pair = generate(type);
        out.println("# the private key: save it as e.g. /etc/postdesk/dkim.pem (readable by Postdesk only) and set");
        out.println("#   postdesk.dkim.domain=" + domain + "  postdesk.dkim.selector=" + selector + "  postdesk.dkim.private-key=file:/etc/postdesk/dkim.pem");
        out.print(Pem.encode(pair.getPrivate()));
        out.println("# the DNS record to publish:");
        out.println(selector + "._domainkey." + domain + ". IN TXT " + quoted(record(pair.getPublic())));
        return 0;
    }

    public static KeyPair generate(String type) {
        try {
            if (type.equals("ed25519")) {
                return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            }
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            return rsa.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The TXT record's text: {@code v=DKIM1; k=rsa; p=<base64 SubjectPublicKeyInfo>} (for Ed25519 the raw 32 bytes, RFC 8463). */
    public static String record(PublicKey key) {
        byte[] encoded = key.getEncoded();
        if (key.getAlgorithm().equals("RSA")) {
            return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(encoded);
        }
        // an Ed25519 SubjectPublicKeyInfo is a 12-byte prefix and the 32-byte key
        return "v=DKIM1; k=ed25519; p=" + Base64.getEncoder().encodeToString(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
    }

    /** DNS character-strings are at most 255 bytes: a long record is given as several quoted strings. */
    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("( ");
        for (int i = 0; i < text.length(); i += 250) {
            out.append('"').append(text, i, Math.min(text.length(), i + 250)).append("\" ");
        }
        return out.append(')').toString();
    }
}
