package eu.postdesk.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import eu.postdesk.Postdesk;

class ChainFileTest {
    private static final String GOOD_HEAD = """
            <?xml version="1.0"?>
            <mailetcontainer>
              <processors>
                <processor state="root">
            """;

    @Test
    void aWellFormedChainKnowsTheLineOfEachMailet() {
        ChainFile chain = ChainFile.read("test.xml", GOOD_HEAD + """
                      <mailet match="All" class="FileIntoTicket"/>
                    </processor>
                    <processor state="error"><mailet match="All" class="Quarantine"/></processor>
                  </processors>
                </mailetcontainer>
                """, Map.of());
        assertThat(chain.mailet(0).line()).isEqualTo(5);
        assertThat(chain.mailet(0).className()).isEqualTo("FileIntoTicket");
        assertThat(chain.mailet(1).processor()).isEqualTo("error");
    }

    @Test
    void brokenXmlIsRefusedWithItsLine() {
        assertThatThrownBy(() -> ChainFile.read("test.xml", GOOD_HEAD + "<mailet match=\"All\" class=\"X\">\n</processor>", Map.of()))
                .isInstanceOf(ChainFile.InvalidChainException.class)
                .hasMessageContaining("test.xml line 6");
    }

    @Test
    void aChainWithoutTheErrorProcessorIsRefused() {
        assertThatThrownBy(() -> ChainFile.read("test.xml", GOOD_HEAD + "</processor></processors></mailetcontainer>", Map.of()))
                .hasMessageContaining("'error' is missing");
    }

    @Test
    void placeholdersAreFilledFromConfiguration() {
        ChainFile chain = ChainFile.read("test.xml", GOOD_HEAD + """
                      <mailet match="IsOwnLoop=${support-addresses}" class="DropNoise"/>
                    </processor>
                    <processor state="error"><mailet match="All" class="Quarantine"/></processor>
                  </processors>
                </mailetcontainer>
                """, Map.of("support-addresses", "a@x.test,b@x.test"));
        assertThat(chain.mailet(0).match()).isEqualTo("IsOwnLoop=a@x.test,b@x.test");
    }

    @Test
    void theServerRefusesToStartWithAnUnknownMailetAndNamesTheLine() throws Exception {
        Path data = Files.createTempDirectory("postdesk-chain-");
        Path chain = data.resolve("bad-chain.xml");
        Files.writeString(chain, GOOD_HEAD + """
                      <mailet match="All" class="StripTrakcing"/>
                    </processor>
                    <processor state="error"><mailet match="All" class="Quarantine"/></processor>
                  </processors>
                </mailetcontainer>
                """);
        assertThatThrownBy(() -> new SpringApplicationBuilder(Postdesk.class).run("--server.port=0", "--postdesk.smtp.port=0",
                "--postdesk.data-dir=" + data, "--postdesk.pipeline.chain=" + chain, "--postdesk.api.admin-token=chain-test-token-0123456789"))
                .rootCause().hasMessageContaining("line 5").hasMessageContaining("unknown mailet 'StripTrakcing'");
    }
}
