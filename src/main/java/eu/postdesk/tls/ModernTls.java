package eu.postdesk.tls;

import java.util.Arrays;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** TLS 1.2 and 1.3 only, with forward-secret AEAD cipher suites: what every Postdesk listener and client allows. */
public final class ModernTls {
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private ModernTls() {
    }

    public static SSLSocket restrict(SSLSocket socket) {
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(supported(PROTOCOLS, socket.getSupportedProtocols()));
        parameters.setCipherSuites(Arrays.stream(socket.getEnabledCipherSuites()).filter(ModernTls::current).toArray(String[]::new));
        socket.setSSLParameters(parameters);
        return socket;
    }

    /** TLS 1.3 suites, and TLS 1.2 suites with ECDHE (or DHE with RSA) key exchange and GCM or ChaCha20-Poly1305. */
    public static boolean current(String suite) {
        if (suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")) {
            return true;
        }
        return (suite.startsWith("TLS_ECDHE_") || suite.startsWith("TLS_DHE_RSA_"))
                && (suite.contains("_GCM_") || suite.contains("CHACHA20_POLY1305"));
    }

    private static String[] supported(String[] wanted, String[] available) {
        return Arrays.stream(wanted).filter(p -> Arrays.asList(available).contains(p)).toArray(String[]::new);
    }
}
