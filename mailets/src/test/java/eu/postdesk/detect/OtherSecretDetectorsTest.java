package eu.postdesk.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OtherSecretDetectorsTest {

    @Test
    void privateKeyDetectorShouldCoverTheWholeBlock() {
        String block = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n"
                + "AAAAAAABAAAAMwAAAAtzc2gtZWQyNTUxOQ==\n-----END OPENSSH PRIVATE KEY-----";
        assertThat(Found.by(new PrivateKeyDetector(), "key:\n" + block + "\nthanks"))
                .containsExactly("PRIVATE_KEY " + block);
    }

    @Test
    void privateKeyDetectorShouldCoverPgpAndTruncatedBlocksButNotCertificates() {
        String pgp = "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBGXk1ZsBCAC\n-----END PGP PRIVATE KEY BLOCK-----";
        assertThat(Found.by(new PrivateKeyDetector(), pgp)).containsExactly("PRIVATE_KEY " + pgp);
        String truncated = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn\n";
        assertThat(Found.by(new PrivateKeyDetector(), truncated + "\nRegards"))
                .containsExactly("PRIVATE_KEY " + truncated.strip());
        assertThat(Found.by(new PrivateKeyDetector(), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"))
                .isEmpty();
    }

    @Test
    void urlCredentialDetectorShouldTakeOnlyThePassword() {
        UrlCredentialDetector detector = new UrlCredentialDetector();
        assertThat(Found.by(detector, "Datubāze: postgres://shop:jslayrwZmMRc-I0@db.example:5432/eveikals"))
                .containsExactly("CONNECTION_STRING jslayrwZmMRc-I0");
        assertThat(Found.by(detector, "mongodb+srv://app:p%40ss@cluster0.example.net/db"))
                .containsExactly("CONNECTION_STRING p%40ss");
        assertThat(Found.by(detector, "jdbc:mysql://root:toor12@localhost/shop"))
                .containsExactly("CONNECTION_STRING toor12");
        assertThat(Found.by(detector, "see https://tester:gcD3VEOkWGhP@staging.example/"))
                .containsExactly("URL_PASSWORD gcD3VEOkWGhP");
        assertThat(Found.by(detector, "https://example.com/a:b@c and mailto:x@y and https://user@host/")).isEmpty();
    }

    @Test
    void authorizationHeaderDetectorShouldFindBasicAndBearerCredentials() {
        AuthorizationHeaderDetector detector = new AuthorizationHeaderDetector();
        assertThat(Found.by(detector, "Authorization: Basic dXNlcjpTM2NyZXQh"))
                .containsExactly("AUTH_HEADER dXNlcjpTM2NyZXQh");
        assertThat(Found.by(detector, "curl -H 'Authorization: Bearer 8f3kQz9LmX2vP7wR4tY6uB1n'"))
                .containsExactly("AUTH_HEADER 8f3kQz9LmX2vP7wR4tY6uB1n");
        assertThat(Found.by(detector, "Basic plan, basic authentication, Bearer of good news")).isEmpty();
    }

    @Test
    void highEntropySecretDetectorShouldNeedKeywordAndRandomLookingValue() {
        HighEntropySecretDetector detector = new HighEntropySecretDetector();
        assertThat(Found.by(detector, "API-nøgle: Q2xhdWRlIGlzIGEgZ29vZCBib3Q7"))
                .containsExactly("SECRET Q2xhdWRlIGlzIGEgZ29vZCBib3Q7");
        assertThat(Found.by(detector, "klucz API to 7fK2pQ9xLm4vR8sT1wZ3"))
                .containsExactly("SECRET 7fK2pQ9xLm4vR8sT1wZ3");
        assertThat(Found.by(detector, "atslēga: a8Dk2LmQ9zX4vB7nR1tY")).containsExactly("SECRET a8Dk2LmQ9zX4vB7nR1tY");
        assertThat(Found.by(detector, "token: 123e4567-e89b-12d3-a456-426614174000")).isEmpty();
        assertThat(Found.by(detector, "token: aaaaaaaaaaaaaaaaaaaaaaaa")).isEmpty();
        assertThat(Found.by(detector, "Q2xhdWRlIGlzIGEgZ29vZCBib3Q7 without a keyword")).isEmpty();
    }
}
