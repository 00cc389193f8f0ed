package eu.postdesk.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority for tests: its certificate ({@link #caFile()}) and server certificates it
 * issues, written as PEM files (what an operator configures) and as a PKCS#12 store (what GreenMail reads).
 */
public final class TestCa {
    private final Path folder;
    private final KeyPair caKeys;
    private final X509Certificate ca;

    public TestCa(Path folder) throws Exception {
        this.folder = Files.createDirectories(folder);
        this.caKeys = keys();
        X500Name name = new X500Name("CN=Postdesk Test CA");
        var builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(Instant.now().minus(Duration.ofDays(1))),
                Date.from(Instant.now().plus(Duration.ofDays(30))), name, caKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        this.ca = sign(builder, caKeys);
        Files.writeString(caFile(), Pem.encode(ca));
    }

    public Path caFile() {
        return folder.resolve("ca.pem");
    }

    /** A server certificate for {@code localhost} and 127.0.0.1: {@code name-cert.pem}, {@code name-key.pem}, {@code name.p12}. */
    public Issued issue(String name) throws Exception {
        return issue(name, new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, InetAddress.getLoopbackAddress().getHostAddress()));
    }

    /** A server certificate for another host only: a client connecting to 127.0.0.1 must refuse it. */
    public Issued issueForOtherHost(String name) throws Exception {
        return issue(name, new GeneralName(GeneralName.dNSName, "relay.elsewhere.example"));
    }

    private Issued issue(String name, GeneralName... names) throws Exception {
        KeyPair keys = keys();
        var builder = new JcaX509v3CertificateBuilder(ca, serial(), Date.from(Instant.now().minus(Duration.ofDays(1))),
                Date.from(Instant.now().plus(Duration.ofDays(30))), new X500Name("CN=" + name), keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        X509Certificate certificate = sign(builder, caKeys);
        Issued issued = new Issued(folder.resolve(name + "-cert.pem"), folder.resolve(name + "-key.pem"), folder.resolve(name + ".p12"));
        Files.writeString(issued.certificate(), Pem.encode(certificate) + Pem.encode(ca));
        Files.writeString(issued.privateKey(), Pem.encode(keys.getPrivate()));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", keys.getPrivate(), Issued.PASSWORD.toCharArray(), new X509Certificate[] {certificate, ca});
        try (OutputStream out = Files.newOutputStream(issued.keyStore())) {
            store.store(out, Issued.PASSWORD.toCharArray());
        }
        return issued;
    }

    /** A client context that trusts this CA only. */
    public SSLContext clientContext() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), new SecureRandom());
        return context;
    }

    public record Issued(Path certificate, Path privateKey, Path keyStore) {
        public static final String PASSWORD = "changeit";
    }

    private static KeyPair keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom());
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, KeyPair signer) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate())));
    }
}
