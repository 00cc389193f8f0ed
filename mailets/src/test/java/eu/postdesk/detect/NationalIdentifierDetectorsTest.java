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
            "NIP 526-025-02-74, REGON 123456785, CVR 13585628|company numbers stay by default",
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

    /** python-stdnum's published valid numbers (tests/*.doctest and module doctests), as people write them in a mail. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // se.personnummer: the doctest's list, with and without the dash, with and without a label
            "Mitt personnummer är 670919-9530.|PERSONNUMMER|670919-9530",
            "pnr 811228-9874|PERSONNUMMER|811228-9874",
            "880320-0016|PERSONNUMMER|880320-0016",
            "880320-0057 är mitt|PERSONNUMMER|880320-0057",
            "Personnummer: 8803200073|PERSONNUMMER|8803200073",
            "min son 8803200099 har|PERSONNUMMER|8803200099",
            "8803200115|PERSONNUMMER|8803200115",
            "id 8803200131.|PERSONNUMMER|8803200131",
            "8803200156|PERSONNUMMER|8803200156",
            "8803200172|PERSONNUMMER|8803200172",
            "personnr 8803200198|PERSONNUMMER|8803200198",
            "8803200420|PERSONNUMMER|8803200420",
            "född 191705120424|PERSONNUMMER|191705120424",
            "19170512-0424|PERSONNUMMER|19170512-0424",
            "121212-1212|PERSONNUMMER|121212-1212",
            "121212+1212 (över 100 år)|PERSONNUMMER|121212+1212",
            "400606+5827|PERSONNUMMER|400606+5827",
            // samordningsnummer: day + 60 (constructed with the same Luhn rule)
            "samordningsnummer 880380-0013|PERSONNUMMER|880380-0013",
            "198803800013|PERSONNUMMER|198803800013",
            "Personnummer 0212241509|PERSONNUMMER|0212241509",
            // no.fodselsnummer: the doctest's list in every grouping it uses
            "fødselsnummer 100487 45526|FODSELSNUMMER|100487 45526",
            "10048744732|FODSELSNUMMER|10048744732",
            "fnr. 10048745364|FODSELSNUMMER|10048745364",
            "111115984-03|FODSELSNUMMER|111115984-03",
            "151086-95088|FODSELSNUMMER|151086-95088",
            "18-06-15-92527|FODSELSNUMMER|18-06-15-92527",
            "231140-38547|FODSELSNUMMER|231140-38547",
            "23114048690|FODSELSNUMMER|23114048690",
            "26 11 15 940 14|FODSELSNUMMER|26 11 15 940 14",
            "26111593816|FODSELSNUMMER|26111593816",
            "26111594286|FODSELSNUMMER|26111594286",
            "26111594448|FODSELSNUMMER|26111594448",
            "10 04 87 44 732|FODSELSNUMMER|10 04 87 44 732",
            "13-04-99-58441|FODSELSNUMMER|13-04-99-58441",
            // D-number (day + 40), H-number (month + 40): constructed with the same check digits
            "D-nummer 55108695071|FODSELSNUMMER|55108695071",
            "H-nummer 15508695060|FODSELSNUMMER|15508695060",
            // de.idnr
            "Steuer-ID: 36 574 261 809|STEUER_ID|36 574 261 809",
            "IdNr 36574261809|STEUER_ID|36574261809",
            "Identifikationsnummer 11234567890|STEUER_ID|11234567890",
            // us.ssn
            "SSN 536-90-4399|SSN|536-90-4399",
            "SSN: 536904399|SSN|536904399",
            "Social Security Number 536904399|SSN|536904399",
            "SS# 536 90 4399|SSN|536 90 4399",
            // dk.cpr
            "211062-5629|CPR|211062-5629",
            "2110625629|CPR|2110625629",
            "CPR-nr.: 2110620629|CPR|2110620629",
            "CPR 0707614285|CPR|0707614285",
            "personnummer 2110620629|CPR|2110620629",
    })
    void scannerShouldFindStdnumVector(String text, String kind, String value) {
        assertThat(Found.by(SCANNER, text)).containsExactly(kind + " " + value);
    }

    /** python-stdnum's published invalid numbers: wrong check digits, impossible dates, wrong lengths. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "personnummer 880320-0018|PERSONNUMMER|Luhn fails",
            "personnummer 8899200425|PERSONNUMMER|month 99",
            "personnummer 19670-19-9535|PERSONNUMMER|wrong grouping",
            "8803200017|PERSONNUMMER|Luhn fails, no label",
            "ring 0701234569|PERSONNUMMER|a Swedish phone number (date and Luhn pass): a leading 0 needs a label",
            "ring 0709123459|CPR|a Swedish phone number (date and modulus 11 pass): a leading 0 needs a label",
            "fødselsnummer 26111593817|FODSELSNUMMER|second check digit",
            "fødselsnummer 26111593826|FODSELSNUMMER|first check digit",
            "fødselsnummer 26111593875|FODSELSNUMMER|first check digit changed, second correct",
            "fødselsnummer 19575770838|FODSELSNUMMER|month 57",
            "Steuer-ID 36574261890|STEUER_ID|wrong check digit",
            "Steuer-ID 36554266806|STEUER_ID|more digits repeated",
            "Steuer-ID 1234567890 3|STEUER_ID|each digit once",
            "SSN 666-00-0000|SSN|area 666",
            "SSN 1112-23333|SSN|dash in the wrong place",
            "CPR 511062-5629|CPR|day 51",
            "2110625628|CPR|fails modulus 11, no label",
    })
    void scannerShouldNotFindStdnumInvalidNumber(String text, String kind, String why) {
        // Only the number's own kind: 26111593817 fails fødselsnummer's check but happens to be a valid PESEL.
        assertThat(Found.by(SCANNER, text)).as(why).noneMatch(found -> found.startsWith(kind + " "));
    }
}
