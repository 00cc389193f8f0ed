package eu.postdesk.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Company numbers: python-stdnum's published examples (module doctests and tests/*.doctest) are found
 * when a team masks company numbers, stay out of the findings by default, and invalid ones are never found.
 */
class CompanyNumbersTest {
    private static final SensitiveDataScanner KEEPING = SensitiveDataScanner.standard();
    private static final SensitiveDataScanner MASKING = SensitiveDataScanner.standard().maskingCompanyNumbers();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // pl.nip
            "NIP: PL 8567346215|NIP|8567346215",
            "VAT PL8567346215|NIP|PL8567346215",
            "NIP 856-734-62-15|NIP|856-734-62-15",
            "faktura na 856-73-46-215|NIP|856-73-46-215",
            "NIP 5260250274|NIP|5260250274",
            // pl.regon, 9 and 14 digits, and the doctest's list
            "REGON 192598184|REGON|192598184",
            "REGON: 123456785|REGON|123456785",
            "REGON 12345678512347|REGON|12345678512347",
            "REGON 000144992|REGON|000144992",
            "REGON 010925233|REGON|010925233",
            "regon: 200197338|REGON|200197338",
            // dk.cvr
            "CVR 13585628|CVR|13585628",
            "Moms: DK 13585628|CVR|13585628",
            "DK13585628|CVR|DK13585628",
            "CVR-nr. 13 58 56 28|CVR|13 58 56 28",
            // se.orgnr
            "Org.nr 1234567897|ORGANISATIONSNUMMER|1234567897",
            "123456-7897|ORGANISATIONSNUMMER|123456-7897",
            "organisationsnummer 558526-0861|ORGANISATIONSNUMMER|558526-0861",
            "momsreg.nr SE123456789701|ORGANISATIONSNUMMER|SE123456789701",
            // fi.ytunnus / fi.alv
            "Y-tunnus 2077474-0|Y_TUNNUS|2077474-0",
            "ALV FI20774740|Y_TUNNUS|FI20774740",
            // no.orgnr
            "Org.nr. 988 077 917|ORGANISASJONSNUMMER|988 077 917",
            "organisasjonsnummer 988077917|ORGANISASJONSNUMMER|988077917",
            "NO 988 077 917 MVA|ORGANISASJONSNUMMER|988 077 917",
            // lv.pvn (legal entity)
            "PVN LV 4000 3521 600|REGISTRACIJAS_NUMURS|4000 3521 600",
            "reģ. nr. 40003521600|REGISTRACIJAS_NUMURS|40003521600",
            "LV40003521600|REGISTRACIJAS_NUMURS|LV40003521600",
    })
    void companyNumberShouldBeFoundOnlyWhenCompanyNumbersAreMasked(String text, String kind, String value) {
        assertThat(Found.by(MASKING, text)).containsExactly(kind + " " + value);
        assertThat(Found.by(KEEPING, text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "NIP PL 8567346216|invalid check digit",
            "REGON 192598183|invalid check digit",
            "REGON 12345678612342|first check digit invalid",
            "REGON 12345678512348|last check digit invalid",
            "CVR DK 13585627|invalid check digit",
            "Org.nr 1234567891|invalid check digit",
            "Y-tunnus 2077474-1|invalid check digit",
            "ALV FI 20774741|invalid check digit",
            "Org.nr. 988 077 918|invalid check digit",
            "PVN 40003521601|invalid check digit",
            "order 123456785 and invoice 13585628|no label",
    })
    void invalidCompanyNumberShouldNeverBeFound(String text, String why) {
        assertThat(Found.by(MASKING, text)).as(why).isEmpty();
    }

    /** A person's number in a company-number slot is still personal: lv.pvn's personal codes. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PVN 161175-19997|PERSONAS_KODS|161175-19997",
            "PVN 328673-00679|PERSONAS_KODS|328673-00679",
    })
    void personalCodeAsVatNumberShouldStayPersonal(String text, String kind, String value) {
        assertThat(Found.by(KEEPING, text)).containsExactly(kind + " " + value);
    }
}
