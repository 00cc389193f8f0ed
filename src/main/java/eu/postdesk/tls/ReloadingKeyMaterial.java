package eu.postdesk.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's certificate and key from two PEM files, read again when either file changes (checked
 * at each handshake, a stat of two files), so that a renewed certificate needs no restart. A
 * renewal that cannot be read keeps the previous certificate and says so in the log.
 */
public final class ReloadingKeyMaterial {
    private static final Logger log = LoggerFactory.getLogger(ReloadingKeyMaterial.class);

    private final Path certificate;
    private final Path privateKey;
    private final TrustManager[] clientTrust;
    private volatile Loaded current;
    /** The file times of a change that could not be read, so that it is reported once, not at every handshake. */
    private volatile String failed;

    private record Loaded(SSLContext context, FileTime certificateTime, FileTime keyTime, X509Certificate leaf) {
    }

    /** Reads both files now; a problem stops the start with the file named. */
    public ReloadingKeyMaterial(Path certificate, Path privateKey, TrustManager[] clientTrust) throws IOException {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.clientTrust = clientTrust;
        this.current = load();
    }

    public SSLContext context() {
        Loaded loaded = current;
        String times = null;
        try {
            FileTime certificateTime = Files.getLastModifiedTime(certificate);
            FileTime keyTime = Files.getLastModifiedTime(privateKey);
            times = certificateTime + "/" + keyTime;
            if ((!certificateTime.equals(loaded.certificateTime()) || !keyTime.equals(loaded.keyTime())) && !times.equals(failed)) {
                synchronized (this) {
                    if (current == loaded) {
                        current = load();
                        log.info("TLS certificate {} reloaded (subject {}, valid until {})", certificate,
                                current.leaf().getSubjectX500Principal().getName(), current.leaf().getNotAfter().toInstant());
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            failed = times;
            log.warn("TLS certificate {} changed but cannot be read, keeping the previous one: {}", certificate, e.getMessage());
        }
        return current.context();
    }

    public X509Certificate leaf() {
        return current.leaf();
    }

    private Loaded load() throws IOException {
        FileTime certificateTime = Files.getLastModifiedTime(certificate);
        FileTime keyTime = Files.getLastModifiedTime(privateKey);
        List<X509Certificate> chain = Pem.certificates(certificate);
        PrivateKey key = Pem.privateKey(privateKey);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = new char[0];
            store.setKeyEntry("server", key, password, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), clientTrust, new SecureRandom());
            return new Loaded(context, certificateTime, keyTime, chain.get(0));
        } catch (GeneralSecurityException e) {
            throw new IOException("certificate " + certificate + " and key " + privateKey + " do not make a TLS key: " + e.getMessage(), e);
        }
    }
}
