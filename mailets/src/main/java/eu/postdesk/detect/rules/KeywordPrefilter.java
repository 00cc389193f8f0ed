package eu.postdesk.detect.rules;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * Every rule's keywords in one Aho–Corasick automaton, so that one pass over a text, whatever the
 * number of rules, says which rules are worth their regex and where: case-insensitive, as gitleaks
 * lowercases the text before it looks for keywords. The automaton is a full transition table over
 * the characters that occur in keywords (all other characters share one column), so each character
 * of the text costs one table lookup: entries hold the next state's row offset, negated (bitwise) where
 * a keyword ends, so the common case needs no second array.
 */
final class KeywordPrefilter {
    /** Below eight times this many characters, one walk. */
    private static final int CHUNK = 8192;
    private static final int WALKS = 8;
    private final char[] columnOf = new char[Character.MAX_VALUE + 1];
    private final int columns;
    private final int[] next;
    // For each state, the keywords that end there (through the suffix links too), and their lengths.
    private final int[][] endingKeywords;
    private final int[] keywordLength;
    private final int[][] rulesOfKeyword;
    private final int ruleCount;
    private final int longestKeyword;

    /** {@code keywordsByRule.get(r)}: the lower-case keywords of rule r (may be empty). */
    KeywordPrefilter(List<List<String>> keywordsByRule) {
        ruleCount = keywordsByRule.size();
        Map<String, List<Integer>> rulesByKeyword = new HashMap<>();
        for (int rule = 0; rule < ruleCount; rule++) {
            for (String keyword : keywordsByRule.get(rule)) {
                rulesByKeyword.computeIfAbsent(keyword, k -> new ArrayList<>()).add(rule);
            }
        }
        List<String> keywords = new ArrayList<>(rulesByKeyword.keySet());
        keywords.sort(null);
        char column = 1;
        for (String keyword : keywords) {
            for (char c : keyword.toCharArray()) {
                if (columnOf[c] == 0) {
                    columnOf[c] = column++;
                }
            }
        }
        // A text character takes the column of its lower-case form.
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            char lower = Character.toLowerCase((char) c);
            if (columnOf[c] == 0 && lower != c && columnOf[lower] != 0) {
                columnOf[c] = columnOf[lower];
            }
        }
        columns = column;
        keywordLength = new int[keywords.size()];
        rulesOfKeyword = new int[keywords.size()][];
        // The trie.
        List<int[]> rows = new ArrayList<>();
        List<List<Integer>> ending = new ArrayList<>();
        rows.add(new int[columns]);
        ending.add(new ArrayList<>());
        for (int k = 0; k < keywords.size(); k++) {
            String keyword = keywords.get(k);
            keywordLength[k] = keyword.length();
            rulesOfKeyword[k] = rulesByKeyword.get(keyword).stream().mapToInt(Integer::intValue).toArray();
            int state = 0;
            for (char c : keyword.toCharArray()) {
                int col = columnOf[c];
                if (rows.get(state)[col] == 0) {
                    rows.add(new int[columns]);
                    ending.add(new ArrayList<>());
                    rows.get(state)[col] = rows.size() - 1;
                }
                state = rows.get(state)[col];
            }
            ending.get(state).add(k);
        }
        longestKeyword = Arrays.stream(keywordLength).max().orElse(0);
        // Breadth first: suffix links, turned into a full transition table.
        int states = rows.size();
        int[] fail = new int[states];
        next = new int[states * columns];
        Queue<Integer> queue = new ArrayDeque<>();
        for (int col = 1; col < columns; col++) {
            int child = rows.get(0)[col];
            next[col] = child;
            if (child != 0) {
                queue.add(child);
            }
        }
        while (!queue.isEmpty()) {
            int state = queue.remove();
            ending.get(state).addAll(ending.get(fail[state]));
            for (int col = 1; col < columns; col++) {
                int child = rows.get(state)[col];
                if (child != 0) {
                    fail[child] = next[fail[state] * columns + col];
                    next[state * columns + col] = child;
                    queue.add(child);
                } else {
                    next[state * columns + col] = next[fail[state] * columns + col];
                }
            }
        }
        endingKeywords = new int[states][];
        for (int state = 0; state < states; state++) {
            endingKeywords[state] = ending.get(state).isEmpty() ? null
                    : ending.get(state).stream().mapToInt(Integer::intValue).distinct().toArray();
        }
        for (int i = 0; i < next.length; i++) {
            int target = next[i];
            next[i] = endingKeywords[target] == null ? target * columns : ~(target * columns);
        }
    }

    /** Where each rule's keywords start in {@code text}: for rule r, {@code hits.starts(r)}, ascending. */
    Hits scan(String text) {
        return scan(text.toCharArray());
    }

    /** As {@link #scan(String)}, reading the characters of the text (the scanner's one copy of them). */
    Hits scan(char[] text) {
        Hits hits = new Hits(ruleCount);
        int n = text.length;
        int part = n / WALKS;
        int overlap = longestKeyword - 1;
        if (n < WALKS * CHUNK || part <= overlap) {
            scan(text, 0, n, 0, hits);
            return hits;
        }
        // Eight walks at once, one over each eighth of the text; walks 1-7 start longestKeyword - 1
        // before their part, so that their state is exact from its first character on. Each step
        // of a walk waits for the table load of the step before; eight independent walks overlap
        // those waits. Walk 0's keywords are added as they come, the others' after it, part by
        // part, so the hits are as one walk from the start adds them. The walks read the text's
        // array where they are (walk w from starts[w]); the loop's variables stay in registers.
        int[] table = next;
        char[] column = columnOf;
        int[] starts = new int[WALKS];
        Later[] later = new Later[WALKS];
        for (int w = 1; w < WALKS; w++) {
            starts[w] = w * part - overlap;
            later[w] = new Later();
        }
        int s1 = starts[1];
        int s2 = starts[2];
        int s3 = starts[3];
        int s4 = starts[4];
        int s5 = starts[5];
        int s6 = starts[6];
        int s7 = starts[7];
        int row0 = 0;
        int row1 = 0;
        int row2 = 0;
        int row3 = 0;
        int row4 = 0;
        int row5 = 0;
        int row6 = 0;
        int row7 = 0;
        for (int j = 0; j < part; j++) {
            row0 = table[row0 + column[text[j]]];
            row1 = table[row1 + column[text[s1 + j]]];
            row2 = table[row2 + column[text[s2 + j]]];
            row3 = table[row3 + column[text[s3 + j]]];
            row4 = table[row4 + column[text[s4 + j]]];
            row5 = table[row5 + column[text[s5 + j]]];
            row6 = table[row6 + column[text[s6 + j]]];
            row7 = table[row7 + column[text[s7 + j]]];
            if ((row0 | row1 | row2 | row3 | row4 | row5 | row6 | row7) < 0) {
                if (row0 < 0) {
                    row0 = ~row0;
                    report(row0, j, hits);
                }
                if (row1 < 0) {
                    row1 = ~row1;
                    later[1].add(row1, s1 + j, 1 * part);
                }
                if (row2 < 0) {
                    row2 = ~row2;
                    later[2].add(row2, s2 + j, 2 * part);
                }
                if (row3 < 0) {
                    row3 = ~row3;
                    later[3].add(row3, s3 + j, 3 * part);
                }
                if (row4 < 0) {
                    row4 = ~row4;
                    later[4].add(row4, s4 + j, 4 * part);
                }
                if (row5 < 0) {
                    row5 = ~row5;
                    later[5].add(row5, s5 + j, 5 * part);
                }
                if (row6 < 0) {
                    row6 = ~row6;
                    later[6].add(row6, s6 + j, 6 * part);
                }
                if (row7 < 0) {
                    row7 = ~row7;
                    later[7].add(row7, s7 + j, 7 * part);
                }
            }
        }
        // Each of walks 1-7 has longestKeyword - 1 characters of its part left (the last also the
        // rest of the text), walked alone after its hits so far.
        int[] rows = {row0, row1, row2, row3, row4, row5, row6, row7};
        for (int w = 1; w < WALKS; w++) {
            later[w].reportTo(this, hits);
            scan(text, starts[w] + part, w == WALKS - 1 ? n : (w + 1) * part, rows[w], hits);
        }
        return hits;
    }

    /** The keyword ends a walk met in its part (from {@code from} on), kept until the walks before have reported theirs. */
    private static final class Later {
        private int[] rowsAndEnds = new int[16];
        private int count;

        void add(int row, int at, int from) {
            if (at < from) {
                return;
            }
            if (count + 2 > rowsAndEnds.length) {
                rowsAndEnds = Arrays.copyOf(rowsAndEnds, rowsAndEnds.length * 2);
            }
            rowsAndEnds[count++] = row;
            rowsAndEnds[count++] = at;
        }

        void reportTo(KeywordPrefilter prefilter, Hits hits) {
            for (int k = 0; k < count; k += 2) {
                prefilter.report(rowsAndEnds[k], rowsAndEnds[k + 1], hits);
            }
        }
    }

    /** As {@link #scan(String)} in one walk from the start (the reference the eight walks are tested against). */
    Hits scanInOneWalk(String text) {
        Hits hits = new Hits(ruleCount);
        scan(text.toCharArray(), 0, text.length(), 0, hits);
        return hits;
    }

    /** Walks {@code text[from, to)} from table row {@code row}, adding the keywords that end there. */
    private void scan(char[] text, int from, int to, int row, Hits hits) {
        int[] table = next;
        char[] column = columnOf;
        for (int j = from; j < to; j++) {
            row = table[row + column[text[j]]];
            if (row < 0) {
                row = ~row;
                report(row, j, hits);
            }
        }
    }

    /** Adds the keywords that end at {@code i}, where the walk reached table row {@code row}. */
    private void report(int row, int i, Hits hits) {
        for (int keyword : endingKeywords[row / columns]) {
            int start = i + 1 - keywordLength[keyword];
            for (int rule : rulesOfKeyword[keyword]) {
                hits.add(rule, start);
            }
        }
    }

    /** Keyword starts per rule, gathered in one scan. */
    static final class Hits {
        private final int[][] starts;
        private final int[] counts;

        Hits(int rules) {
            starts = new int[rules][];
            counts = new int[rules];
        }

        void add(int rule, int start) {
            int[] list = starts[rule];
            if (list == null) {
                list = starts[rule] = new int[4];
            } else if (counts[rule] == list.length) {
                list = starts[rule] = Arrays.copyOf(list, list.length * 2);
            }
            // Two keywords of one rule may end at the same place; keep the positions sorted by start.
            int at = counts[rule]++;
            list[at] = start;
            while (at > 0 && list[at - 1] > start) {
                list[at] = list[at - 1];
                list[--at] = start;
            }
        }

        boolean any(int rule) {
            return counts[rule] > 0;
        }

        int count(int rule) {
            return counts[rule];
        }

        int start(int rule, int index) {
            return starts[rule][index];
        }
    }
}
