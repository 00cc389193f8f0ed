package eu.postdesk.mailets.tracking;

import org.apache.mailet.MailetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrackerRulesTest {

    @Test
    void defaultsShouldCoverAtLeastFortyServices() throws Exception {
        TrackerRules rules = TrackerRules.defaults();

        assertThat(rules.serviceCount()).isGreaterThanOrEqualTo(40);
        assertThat(rules.wrapperCount()).isGreaterThanOrEqualTo(10);
        assertThat(rules.parameterCount()).isGreaterThanOrEqualTo(20);
    }

    @Test
    void defaultsShouldCoverTheVendorsOfTheMaintainedLists() throws Exception {
        TrackerRules rules = TrackerRules.defaults();

        assertThat(rules.serviceCount()).isGreaterThanOrEqualTo(300);
        assertThat(rules.wrapperCount()).isGreaterThanOrEqualTo(75);
        assertThat(rules.parameterCount()).isGreaterThanOrEqualTo(70);
    }

    @Test
    void loadShouldReadAnOperatorsPathShape(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("services-shapes.txt"), "Acme shape | * | ~/hello/[0-9a-f]{8} | shape\n");
        LinkCleaner cleaner = new LinkCleaner(TrackerRules.load(folder), RecipientAddresses.none());
        Removals removals = new Removals();

        assertThat(cleaner.openTrackingShape("https://mail.any.example/hello/8f3a2b1c.gif")).extracting(TrackerService::name).isEqualTo("Acme shape");
        assertThat(cleaner.openTrackingShape("https://mail.any.example/hello/world.gif")).isNull();
        assertThat(cleaner.isTrackingImage("https://mail.any.example/hello/8f3a2b1c.gif", Removals.PIXEL, removals)).isFalse();
        assertThat(cleaner.cleanLink("https://mail.any.example/hello/8f3a2b1c", removals)).isEqualTo("https://mail.any.example/hello/8f3a2b1c");
    }

    @Test
    void loadShouldNameTheRolesItKnows(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("services-local.txt");
        Files.writeString(file, "Acme | trk.acme.example | * | pixel\n");

        assertThatThrownBy(() -> TrackerRules.load(file)).hasMessageContaining("line 1").hasMessageContaining("open, click, any or shape");
    }

    @Test
    void loadShouldAddAnOperatorsFolder(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("services-local.txt"), "# ours\nAcme Tracker | trk.acme.example | /o/ | open\n");
        Files.writeString(folder.resolve("parameters-local.txt"), "acme_src | Acme Tracker\n");
        TrackerRules rules = TrackerRules.load(folder);
        LinkCleaner cleaner = new LinkCleaner(rules, RecipientAddresses.none());
        Removals removals = new Removals();

        assertThat(cleaner.isTrackingImage("https://eu.trk.acme.example/o/123.gif", Removals.PIXEL, removals)).isTrue();
        assertThat(cleaner.cleanLink("https://acme.example/?acme_src=nl&utm_medium=x", removals)).isEqualTo("https://acme.example/");
        assertThat(removals.byService()).containsEntry("Acme Tracker", 2);
    }

    @Test
    void loadShouldNameFileAndLineOfABadRule(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("wrappers-local.txt");
        Files.writeString(file, "# comment\n\nAcme | go.acme.example | * | base64:u\n");

        assertThatThrownBy(() -> TrackerRules.load(file))
                .isInstanceOf(MailetException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line 3")
                .hasMessageContaining("unknown method 'base64'");
    }

    @Test
    void loadShouldRefuseARuleThatMatchesEveryUrl(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("services.txt");
        Files.writeString(file, "Everything | * | * | any\n");

        assertThatThrownBy(() -> TrackerRules.load(file)).hasMessageContaining("line 1").hasMessageContaining("every URL");
    }

    @Test
    void loadShouldRefuseAMissingPath() {
        assertThatThrownBy(() -> TrackerRules.load(Path.of("/nonexistent/postdesk-rules")))
                .isInstanceOf(MailetException.class).hasMessageContaining("does not exist");
    }
}
