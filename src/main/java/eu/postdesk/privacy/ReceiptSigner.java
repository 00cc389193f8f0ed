package eu.postdesk.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

import org.springframework.stereotype.Component;

import eu.postdesk.PostdeskProperties;

/**
 * Signs erasure receipts with Ed25519 under a key pair kept in {@code data-dir/receipt-signing.key}
 * (PKCS#8 then X.509, base64, one per line; owner-only), generated on first use. Anyone holding the
 * public key ({@code GET /api/privacy/receipt-key}) can check a receipt; the key never leaves the server.
 */
@Component
public class ReceiptSigner {
    public static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    public ReceiptSigner(PostdeskProperties properties) {
        Path file = properties.getDataDir().resolve("receipt-signing.key");
        try {
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            if (!Files.exists(file)) {
                KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
                Files.createDirectories(file.getParent());
                Path fresh = file.resolveSibling(file.getFileName() + ".new");
                Files.writeString(fresh, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n"
                        + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n");
                try {
                    Files.setPosixFilePermissions(fresh, Set.copyOf(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException notPosix) {
                    // the data directory itself must be the operator's alone (README)
                }
                Files.move(fresh, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            String[] lines = Files.readString(file).strip().split("\n");
            if (lines.length != 2) {
                throw new IllegalStateException(file + " does not hold an Ed25519 key pair; restore it from your backup or remove it to make a new one");
            }
            privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines[0].strip())));
            publicKey = factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(lines[1].strip())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the receipt signing key " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(file + " does not hold a valid Ed25519 key pair: " + e.getClass().getSimpleName(), e);
        }
    }

    /** The signature (base64) of a document's UTF-8 bytes. */
    public String sign(String document) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(document.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this JDK", e);
        }
    }

    /** Whether {@code signature} (base64) is this server's signature of {@code document}. */
    public boolean verify(String document, String signature) {
        return verify(publicKey, document, signature);
    }

    public static boolean verify(PublicKey key, String document, String signature) {
        try {
            Signature check = Signature.getInstance(ALGORITHM);
            check.initVerify(key);
            check.update(document.getBytes(StandardCharsets.UTF_8));
            return check.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The public key, X.509 SubjectPublicKeyInfo in base64 (also as PEM by wrapping it). */
    public String publicKey() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }
}
