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
}
