package eu.postdesk.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialDetectorTest {
    private static final CredentialDetector DETECTOR = new CredentialDetector();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Login: admin, password: Sommer2024!|Sommer2024!",
            "pwd=s3cr3t-Value|s3cr3t-Value",
            "Moje hasło: Kasztan_2524?|Kasztan_2524?",
            "haslo to Wiosna2025|Wiosna2025",
            "Brugeren er mv-kontor, adgangskode: Skagen.7832!|Skagen.7832!",
            "Kodeordet er Hygge42|Hygge42",
            "parole: Dzintars.7129#|Dzintars.7129#",
            "Parole ir Ziema#2024|Ziema#2024",
            "Das Passwort ist Zugspitze_2570$|Zugspitze_2570$",
            "Kennwort: Brezel!99|Brezel!99",
            "lösenord: Sillfest.1347%|Sillfest.1347%",
            "Lösenordet är Midsommar8|Midsommar8",
            "salasana: Karhu.7269#|Karhu.7269#",
            "Salasana on Kuusi123|Kuusi123",
            "passord: Fjord2024|Fjord2024",
            "Contraseña: Paella#12|Paella#12",
            "Mot de passe : Baguette7!|Baguette7!",
            "Adgangskode til zip-filen: aqRyS1H%Bqs|aqRyS1H%Bqs",
            "The password for the admin account is Hunter22|Hunter22",
            "password: \"with spaces 1\"|with spaces 1",
    })
    void detectShouldFindPasswordIntroducedByKeyword(String text, String password) {
        assertThat(Found.by(DETECTOR, text)).containsExactly("PASSWORD " + password);
    }

    @Test
    void detectShouldReadTheValueOnTheLineAfterAColon() {
        assertThat(Found.by(DETECTOR, "Password:\n   NextLine#9\nThanks")).containsExactly("PASSWORD NextLine#9");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "The password is required for every login.",
            "Reset your password: click the link below.",
            "Passwort: siehe Anhang",
            "password: ********",
            "Password: <redacted>",
            "We changed the passwords yesterday.",
            "Der Passwortmanager ist installiert.",
            "Please enter your password.",
            "The password reset at 10:30am failed.",
            "Password reset link: https://portal.example.com/reset?t=abc",
            "PW: Re: faktura",
    })
    void detectShouldLeaveProseAndPlaceholders(String text) {
        assertThat(Found.by(DETECTOR, text)).isEmpty();
    }

    @Test
    void detectShouldFindPinsOfFourToEightDigits() {
        assertThat(Found.by(DETECTOR, "PIN-kode: 4821 og kort-PIN 0042")).containsExactly("PIN 4821", "PIN 0042");
        assertThat(Found.by(DETECTOR, "PIN code is 998877")).containsExactly("PIN 998877");
        assertThat(Found.by(DETECTOR, "pin 2 of the connector")).isEmpty();
    }

    @Test
    void detectShouldFindRemoteSupportIdsAndSessionCodes() {
        String text = """
                I kan koble på med AnyDesk: 983 029 486
                AnyDesk-adgangskode: hr8y2s6e
                TeamViewer ID 1 234 567 890, engangskode: 7hq2kx
                Kertakoodi on 4711xy
                """;
        assertThat(Found.by(DETECTOR, text)).containsExactly(
                "REMOTE_ACCESS 983 029 486", "REMOTE_ACCESS hr8y2s6e", "REMOTE_ACCESS 1 234 567 890",
                "REMOTE_ACCESS 7hq2kx", "REMOTE_ACCESS 4711xy");
    }

    @Test
    void detectShouldNotTakeWordsAfterAToolNameForAPassword() {
        assertThat(Found.by(DETECTOR, "AnyDesk: please connect after lunch")).isEmpty();
    }

    @Test
    void detectShouldTreatAdoPasswordAsConnectionString() {
        String text = "Server=db01;Database=shop;User Id=app;Password=Xy7!kq9;Encrypt=true";
        assertThat(Found.by(DETECTOR, text)).containsExactly("CONNECTION_STRING Xy7!kq9");
    }
}
