package eu.postdesk.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The system trust store plus an operator's PEM CA certificates, as one PKIX trust manager: for the relay and for polled mailboxes. */
public final class TrustedCertificates {
    private TrustedCertificates() {
    }

    /** The system's trust managers, extended by the certificates in {@code pem} when it is not null. */
    public static TrustManager[] systemPlus(Path pem) throws GeneralSecurityException, IOException {
        TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        system.init((KeyStore) null);
        if (pem == null) {
            return system.getTrustManagers();
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int n = 0;
        for (TrustManager manager : system.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                for (X509Certificate ca : x509.getAcceptedIssuers()) {
                    store.setCertificateEntry("system-" + n++, ca);
                }
            }
        }
        for (X509Certificate ca : Pem.certificates(pem)) {
            store.setCertificateEntry("configured-" + n++, ca);
        }
        TrustManagerFactory combined = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        combined.init(store);
        return combined.getTrustManagers();
    }
}
