package eu.postdesk.ingress;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.server.SSLSocketCreator;

import eu.postdesk.PostdeskProperties;
import eu.postdesk.tls.ModernTls;
import eu.postdesk.tls.ReloadingKeyMaterial;
import eu.postdesk.tls.SelfSignedCertificate;

/**
 * STARTTLS on the SMTP listener: the operator's certificate and key ({@code postdesk.smtp.tls.certificate}
 * / {@code .private-key}, PEM, read again when they change), or on the embedded default a
 * self-signed certificate generated once into {@code data-dir/tls/}. TLS 1.2 and 1.3 only.
 */
final class StartTls implements SSLSocketCreator {
    private static final Logger log = LoggerFactory.getLogger(StartTls.class);

    /**
     * Client certificates are asked for and recorded in the Received header, never trusted: no
     * decision is taken on them, so any certificate is let through the handshake.
     */
    private static final TrustManager[] RECORD_CLIENT_CERTIFICATES = {new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("a listener's trust manager checks no servers");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }};

    private final ReloadingKeyMaterial material;

    private StartTls(ReloadingKeyMaterial material) {
        this.material = material;
    }

    static StartTls from(PostdeskProperties properties) {
        PostdeskProperties.Smtp.Tls tls = properties.getSmtp().getTls();
        Path certificate = tls.getCertificate();
        Path key = tls.getPrivateKey();
        try {
            if (certificate == null) {
                Path folder = properties.getDataDir().resolve("tls");
                certificate = folder.resolve("smtp-cert.pem");
                key = folder.resolve("smtp-key.pem");
                if (SelfSignedCertificate.ensure(certificate, key, properties.getSmtp().getHostName())) {
                    log.info("generated a self-signed certificate for SMTP STARTTLS into {} (set postdesk.smtp.tls.certificate "
                            + "and postdesk.smtp.tls.private-key to use one that senders can verify)", certificate);
                } else {
                    log.info("SMTP STARTTLS uses the self-signed certificate {} (postdesk.smtp.tls.certificate is not set)", certificate);
                }
            }
            StartTls startTls = new StartTls(new ReloadingKeyMaterial(certificate, key, RECORD_CLIENT_CERTIFICATES));
            log.info("SMTP offers STARTTLS with {} (subject {}, valid until {})", certificate,
                    startTls.material.leaf().getSubjectX500Principal().getName(), startTls.material.leaf().getNotAfter().toInstant());
            return startTls;
        } catch (IOException e) {
            throw new IllegalStateException("postdesk.smtp.tls.certificate / postdesk.smtp.tls.private-key: " + e.getMessage(), e);
        }
    }

    @Override
    public SSLSocket createSSLSocket(Socket socket) throws IOException {
        SSLSocket tls = (SSLSocket) material.context().getSocketFactory()
                .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        tls.setUseClientMode(false);
        ModernTls.restrict(tls);
        tls.setWantClientAuth(true);
        return tls;
    }

    /** The TLS clause of our Received header, e.g. {@code using TLSv1.3 with cipher TLS_AES_128_GCM_SHA256; no client certificate}. */
    static String describe(Socket socket) {
        if (!(socket instanceof SSLSocket tls)) {
            return null;
        }
        SSLSession session = tls.getSession();
        boolean presented;
        try {
            presented = session.getPeerCertificates().length > 0;
        } catch (SSLPeerUnverifiedException none) {
            presented = false;
        }
        return "using " + session.getProtocol() + " with cipher " + session.getCipherSuite() + "; "
                + (presented ? "client certificate presented, not verified" : "no client certificate");
    }
}
