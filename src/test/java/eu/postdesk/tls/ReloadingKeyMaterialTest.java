package eu.postdesk.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadingKeyMaterialTest {
    @TempDir
    Path folder;

    @Test
    void theSelfSignedCertificateIsWrittenOnceWithAnOwnerOnlyKey() throws Exception {
        Path cert = folder.resolve("tls/smtp-cert.pem");
        Path key = folder.resolve("tls/smtp-key.pem");
        assertThat(SelfSignedCertificate.ensure(cert, key, "mail.helpdesk.test")).isTrue();
        String first = Files.readString(cert);
        assertThat(SelfSignedCertificate.ensure(cert, key, "mail.helpdesk.test")).isFalse();
        assertThat(Files.readString(cert)).isEqualTo(first);
        assertThat(Files.getPosixFilePermissions(key)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(new ReloadingKeyMaterial(cert, key, null).leaf().getSubjectX500Principal().getName()).isEqualTo("CN=mail.helpdesk.test");
    }

    @Test
    void aRenewedCertificateIsUsedWithoutARestart() throws Exception {
        TestCa ca = new TestCa(folder.resolve("ca"));
        TestCa.Issued first = ca.issue("first");
        TestCa.Issued second = ca.issue("second");
        Path cert = folder.resolve("cert.pem");
        Path key = folder.resolve("key.pem");
        Files.copy(first.certificate(), cert);
        Files.copy(first.privateKey(), key);
        ReloadingKeyMaterial material = new ReloadingKeyMaterial(cert, key, null);
        var before = material.context();
        assertThat(material.leaf().getSubjectX500Principal().getName()).isEqualTo("CN=first");

        Files.copy(second.certificate(), cert, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(second.privateKey(), key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(cert, FileTime.from(Instant.now().plusSeconds(5)));

        assertThat(material.context()).isNotSameAs(before);
        assertThat(material.leaf().getSubjectX500Principal().getName()).isEqualTo("CN=second");
    }

    @Test
    void aBrokenRenewalKeepsThePreviousCertificate() throws Exception {
        TestCa.Issued first = new TestCa(folder.resolve("ca")).issue("first");
        ReloadingKeyMaterial material = new ReloadingKeyMaterial(first.certificate(), first.privateKey(), null);
        Files.writeString(first.certificate(), "-----BEGIN CERTIFICATE-----\nbroken\n-----END CERTIFICATE-----\n");
        Files.setLastModifiedTime(first.certificate(), FileTime.from(Instant.now().plusSeconds(5)));

        assertThat(material.context()).isNotNull();
        assertThat(material.leaf().getSubjectX500Principal().getName()).isEqualTo("CN=first");
    }
}
