package eu.postdesk.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Published examples and checksum failures for each country's identifier, through the standard scanner. */
class NationalIdentifierDetectorsTest {
    private static final SensitiveDataScanner SCANNER = SensitiveDataScanner.standard();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PESEL: 44051401359|PESEL|44051401359",
            "PESEL:44051401359|PESEL|44051401359",
            "Nr.44051401359|PESEL|44051401359",
            "PESEL 02270803624 (born 2002)|PESEL|02270803624",
            "NIP 526-025-02-74|NIP|526-025-02-74",
            "NIP: 5260250274|NIP|5260250274",
            "REGON 123456785|REGON|123456785",
            "REGON: 12345678512347|REGON|12345678512347",
            "dowód osobisty ABA300000|PL_ID_CARD|ABA300000",
            "CPR-nr. 070761-4285|CPR|070761-4285",
            "født 070761-4285|CPR|070761-4285",
            "CPR 0707614285|CPR|0707614285",
            "personas kods 161175-19997|PERSONAS_KODS|161175-19997",
            "personas kods 321234-56789|PERSONAS_KODS|321234-56789",
            "personnummer 811218-9876|PERSONNUMMER|811218-9876",
            "personnummer 19811218-9876|PERSONNUMMER|19811218-9876",
            "samordningsnummer 701063-2391|PERSONNUMMER|701063-2391",
            "personnummer 8112189876|PERSONNUMMER|8112189876",
            "henkilötunnus 131052-308T|HENKILOTUNNUS|131052-308T",
            "hetu 010594Y9021|HENKILOTUNNUS|010594Y9021",
            "hetu 020502E902X|HENKILOTUNNUS|020502E902X",
            "fødselsnummer 15076500565|FODSELSNUMMER|15076500565",
            "fødselsnummer 010107 50160|FODSELSNUMMER|010107 50160",
            "Steuer-ID 86095742719|STEUER_ID|86095742719",
            "Steuer-ID 86 095 742 719|STEUER_ID|86 095 742 719",
            "SSN 078-05-1120|SSN|078-05-1120",
            "SSN: 078051120|SSN|078051120",
    })
    void scannerShouldFindPublishedExample(String text, String kind, String value) {
        assertThat(Found.by(SCANNER, text)).containsExactly(kind + " " + value);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PESEL 44051401358|wrong check digit",
            "PESEL 44133101357|month 13",
            "NIP 526-025-02-75|wrong check digit",
            "ref 5260250274|ten bare digits without the word NIP",
            "order 123456785|nine bare digits without the word REGON",
            "ABA300001|wrong ID card check digit",
            "CPR 011355-4876|impossible date",
            "løbenummer 070761-4286|fails modulus 11, no CPR keyword",
            "organisationsnummer 556016-0680|organisation, month 60",
            "personnummer 811218-9875|Luhn fails",
            "131052-308U|wrong check character",
            "311399-123A|impossible date",
            "Steuer-ID 86095742718|wrong check digit",
            "Steuer-ID 11123456786|right check digit but one digit three times in a row",
            "placeholder 666-70-6580|area 666",
            "000-12-3456 and 123-00-4567 and 123-45-0000 and 900-12-3456|impossible parts",
            "phone 555 123 4567 and 123456789|no SSN keyword",
            "date 2025-06-30, version 2025.11.3, ip 10.20.30.40|not identifiers",
            "git c8b0b6975ff0d0e7a182c48169d1f9ed4613e3a9|SHA",
            "uuid 123e4567-e89b-12d3-a456-426614174000|UUID",
            "call +48 601 234 567 or +45 33 12 34 56|phone numbers",
            "Sagsnr. MV-2207, invoice INV-2024-000123|references",
            "ref INV-44051401359 and 3.44051401359 and 12:44051401359|glued to a prefix or a number",
    })
    void scannerShouldLeaveLookAlike(String text, String why) {
        assertThat(Found.by(SCANNER, text)).as(why).isEmpty();
    }
}
