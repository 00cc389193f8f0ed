package eu.postdesk.tickets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThreadingTitleTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Re: Printer offline|Printer offline",
            "RE: Printer offline|Printer offline",
            "AW: Drucker defekt|Drucker defekt",
            "WG: Drucker defekt|Drucker defekt",
            "SV: Skrivaren|Skrivaren",
            "VS: Tulostin|Tulostin",
            "Vs: Tulostin|Tulostin",
            "VL: Tulostin|Tulostin",
            "Odp: Drukarka|Drukarka",
            "PD: Drukarka|Drukarka",
            "Fwd: Invoice 12|Invoice 12",
            "FW: Invoice 12|Invoice 12",
            "Antw: Factuur|Factuur",
            "Atb: Rēķins|Rēķins",
            "Pārs: Rēķins|Rēķins",
            "Re: Re: AW: Fwd: Invoice 12|Invoice 12",
            "Re[2]: Invoice 12|Invoice 12",
            "RE[12]:Invoice 12|Invoice 12",
            "Re (3): Invoice 12|Invoice 12",
            "Re: [#42] Invoice 12|Invoice 12",
            "[#42] Re: Invoice 12|Invoice 12",
            "Re:|(no subject)",
    })
    void aTitleHasNoReplyOrForwardPrefix(String subject, String title) {
        assertThat(Threading.title(subject)).isEqualTo(title);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Regarding: the contract",
            "Svar på frågan",
            "Reset password",
            "Invoice Re: 12",
            "Area: north",
    })
    void wordsThatOnlyBeginLikeAPrefixStay(String subject) {
        assertThat(Threading.title(subject)).isEqualTo(subject);
    }
}
