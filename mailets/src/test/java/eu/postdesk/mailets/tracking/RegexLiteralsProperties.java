package eu.postdesk.mailets.tracking;

import com.google.re2j.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prefilter may only rule out paths the regex cannot match: a wrong literal would let a tracker
 * through unseen. Small regexes and paths over one small alphabet, so that many of them match.
 */
class RegexLiteralsProperties {

    @Property(tries = 3000)
    void everyMatchStartsWithThePrefixAndContainsTheRequiredText(@ForAll("regexes") String regex, @ForAll("paths") String path) {
        if (!Pattern.compile(regex).matcher(path).lookingAt()) {
            return;
        }
        assertThat(path).startsWith(RegexLiterals.prefix(regex)).contains(RegexLiterals.required(regex));
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.strings().withChars("ab/?.").ofMaxLength(12);
    }

    @Provide
    Arbitrary<String> regexes() {
        return element(3).list().ofMinSize(1).ofMaxSize(6).map(parts -> String.join("", parts));
    }

    private Arbitrary<String> element(int depth) {
        Arbitrary<String> atom = Arbitraries.of("a", "b", "/", "\\?", "\\.", "[ab]", "[^a]", ".", "\\w");
        if (depth > 0) {
            atom = Arbitraries.oneOf(atom, Arbitraries.lazy(() -> element(depth - 1)).list().ofMinSize(1).ofMaxSize(3)
                    .map(parts -> "(" + String.join("", parts) + ")"));
        }
        return Combinators.combine(atom, Arbitraries.of("", "", "", "?", "*", "+", "{2}", "{0,2}", "{1,}"))
                .as((a, quantifier) -> a + quantifier);
    }
}
