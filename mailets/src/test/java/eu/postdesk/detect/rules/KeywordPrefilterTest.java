package eu.postdesk.detect.rules;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KeywordPrefilterTest {
    private static List<Integer> starts(KeywordPrefilter.Hits hits, int rule) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < hits.count(rule); i++) {
            starts.add(hits.start(rule, i));
        }
        return starts;
    }

    @Test
    void scanShouldFindOverlappingAndNestedKeywordsInOnePassAnyCase() {
        KeywordPrefilter prefilter = new KeywordPrefilter(List.of(List.of("he", "hers"), List.of("she"), List.of("his"), List.of()));

        KeywordPrefilter.Hits hits = prefilter.scan("uSHErs and HIS");

        assertThat(starts(hits, 0)).containsExactly(2, 2);
        assertThat(starts(hits, 1)).containsExactly(1);
        assertThat(starts(hits, 2)).containsExactly(11);
        assertThat(hits.any(3)).isFalse();
    }

    @Test
    void scanShouldFindAKeywordAfterAFalseStart() {
        KeywordPrefilter prefilter = new KeywordPrefilter(List.of(List.of("glpat-"), List.of("gl")));

        KeywordPrefilter.Hits hits = prefilter.scan("glglpat-x");

        assertThat(starts(hits, 0)).containsExactly(2);
        assertThat(starts(hits, 1)).containsExactly(0, 2);
    }

    @Test
    void scanShouldFindInEightWalksWhatOneWalkFindsInLongTexts() {
        List<String> keywords = List.of("glpat-", "gl", "hers", "he", "she", "ghp_", "xoxb-", "aaaaaaaa", "a");
        KeywordPrefilter prefilter = new KeywordPrefilter(List.of(keywords.subList(0, 2), keywords.subList(2, 5),
                keywords.subList(5, 7), keywords.subList(7, 9), List.of()));
        java.util.Random random = new java.util.Random(12);
        String alphabet = "ghlpat-sher_xob GHERSÄé\n";
        for (int round = 0; round < 300; round++) {
            int length = 66_000 + random.nextInt(60_000);
            StringBuilder text = new StringBuilder(length);
            while (text.length() < length) {
                if (random.nextInt(4) == 0) {
                    text.append(keywords.get(random.nextInt(keywords.size())));
                } else {
                    text.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            // A keyword across each eighth's edge, where the walks 1-7 start.
            for (int q = 1; q <= 7; q++) {
                int edge = text.length() / 8 * q;
                text.replace(edge - 3, edge + 5, "aaaaaaaa");
            }
            String string = text.toString();

            KeywordPrefilter.Hits eightWalks = prefilter.scan(string);
            KeywordPrefilter.Hits oneWalk = prefilter.scanInOneWalk(string);

            for (int rule = 0; rule < 5; rule++) {
                assertThat(starts(eightWalks, rule)).as("round %d rule %d", round, rule).isEqualTo(starts(oneWalk, rule));
            }
        }
    }
}
