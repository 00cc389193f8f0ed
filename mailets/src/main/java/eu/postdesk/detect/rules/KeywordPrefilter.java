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
    private static final int CHUNK = 8192;
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
        Hits hits = new Hits(ruleCount);
        int n = text.length();
        int quarter = n / 4;
        int overlap = longestKeyword - 1;
        if (n < 4 * CHUNK || quarter <= overlap) {
            scan(text, 0, n, 0, hits);
            return hits;
        }
        // Four walks at once, one over each quarter of the text; walks 1-3 start longestKeyword - 1
        // before their quarter, so that their state is exact from its first character on. Each step
        // of a walk waits for the table load of the step before; four independent walks overlap
        // those waits. Walk 0's keywords are added as they come, the others' after it, quarter by
        // quarter, so the hits are as one walk from the start adds them.
        int[] table = next;
        char[] column = columnOf;
        int start1 = quarter - overlap;
        int start2 = 2 * quarter - overlap;
        int start3 = 3 * quarter - overlap;
        char[] chunk0 = new char[CHUNK];
        char[] chunk1 = new char[CHUNK];
        char[] chunk2 = new char[CHUNK];
        char[] chunk3 = new char[CHUNK];
        int row0 = 0;
        int row1 = 0;
        int row2 = 0;
        int row3 = 0;
        Later later1 = new Later();
        Later later2 = new Later();
        Later later3 = new Later();
        for (int from = 0; from < quarter; from += CHUNK) {
            int length = Math.min(CHUNK, quarter - from);
            text.getChars(from, from + length, chunk0, 0);
            text.getChars(start1 + from, start1 + from + length, chunk1, 0);
            text.getChars(start2 + from, start2 + from + length, chunk2, 0);
            text.getChars(start3 + from, start3 + from + length, chunk3, 0);
            for (int j = 0; j < length; j++) {
                row0 = table[row0 + column[chunk0[j]]];
                row1 = table[row1 + column[chunk1[j]]];
                row2 = table[row2 + column[chunk2[j]]];
                row3 = table[row3 + column[chunk3[j]]];
                if ((row0 | row1 | row2 | row3) < 0) {
                    if (row0 < 0) {
                        row0 = ~row0;
                        report(row0, from + j, hits);
                    }
                    if (row1 < 0) {
                        row1 = ~row1;
                        later1.add(row1, start1 + from + j, quarter);
                    }
                    if (row2 < 0) {
                        row2 = ~row2;
                        later2.add(row2, start2 + from + j, 2 * quarter);
                    }
                    if (row3 < 0) {
                        row3 = ~row3;
                        later3.add(row3, start3 + from + j, 3 * quarter);
                    }
                }
            }
        }
        // Each of walks 1-3 has longestKeyword - 1 characters of its quarter left (the last also the
        // rest of the text), walked alone after its hits so far.
        later1.reportTo(this, hits);
        scan(text, start1 + quarter, 2 * quarter, row1, hits);
        later2.reportTo(this, hits);
        scan(text, start2 + quarter, 3 * quarter, row2, hits);
        later3.reportTo(this, hits);
        scan(text, start3 + quarter, n, row3, hits);
        return hits;
    }

    /** The keyword ends a walk met in its quarter (from {@code from} on), kept until the walks before have reported theirs. */
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

    /** As {@link #scan(String)} in one walk from the start (the reference the four walks are tested against). */
    Hits scanInOneWalk(String text) {
        Hits hits = new Hits(ruleCount);
        scan(text, 0, text.length(), 0, hits);
        return hits;
    }

    /** Walks {@code text[from, to)} from table row {@code row}, adding the keywords that end there. */
    private void scan(String text, int from, int to, int row, Hits hits) {
        // In chunks copied to a small array: String.charAt on a text with characters beyond Latin-1
        // keeps its bounds check in the loop; an array's is hoisted.
        int[] table = next;
        char[] column = columnOf;
        char[] chunk = new char[Math.min(CHUNK, Math.max(0, to - from))];
        for (int at = from; at < to; at += chunk.length) {
            int length = Math.min(chunk.length, to - at);
            text.getChars(at, at + length, chunk, 0);
            for (int j = 0; j < length; j++) {
                row = table[row + column[chunk[j]]];
                if (row < 0) {
                    row = ~row;
                    report(row, at + j, hits);
                }
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
