package eu.postdesk.detect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The words that introduce a sensitive value ({@code conf/redaction/keywords.txt}): parsed and
 * validated once, then matched with a character trie at word starts, so that lookup costs a few
 * steps per word whatever the number of keywords.
 */
public final class Keywords {
    /** Classpath location of the default list packaged from {@code conf/redaction/keywords.txt}. */
    public static final String DEFAULT_RESOURCE = "/postdesk-conf/redaction/keywords.txt";

    /** What a keyword announces. */
    public enum Group {
        PASSWORD, PIN, REMOTE, TOOL, SECRET, LINK;

        static Group parse(String word) {
            return switch (word) {
                case "password" -> PASSWORD;
                case "pin" -> PIN;
                case "remote" -> REMOTE;
                case "tool" -> TOOL;
                case "secret" -> SECRET;
                case "link" -> LINK;
                default -> null;
            };
        }
    }

    private static final class Node {
        char[] keys = new char[0];
        Node[] next = new Node[0];
        Group group;
        // For a node with many children (the root: every first letter), its ASCII children by
        // character, filled once the trie is built: one load instead of a walk over the keys.
        Node[] ascii;

        Node child(char c) {
            if (ascii != null && c < 128) {
                return ascii[c];
            }
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] == c) {
                    return next[i];
                }
            }
            return null;
        }

        Node add(char c) {
            Node existing = child(c);
            if (existing != null) {
                return existing;
            }
            ascii = null;
            keys = java.util.Arrays.copyOf(keys, keys.length + 1);
            next = java.util.Arrays.copyOf(next, next.length + 1);
            keys[keys.length - 1] = c;
            next[next.length - 1] = new Node();
            return next[next.length - 1];
        }
    }

    private final Node root = new Node();
    private final Node linkRoot = new Node();
    // Folded first two characters of every keyword, so that most word starts are dismissed with one lookup.
    private final java.util.BitSet startPairs = new java.util.BitSet(1 << 16);
    // And their first three (all third characters for a keyword of two): at most word starts whose
    // first two characters begin a keyword, the third ends the hope without a walk down the trie.
    private final java.util.BitSet startTriples = new java.util.BitSet(1 << 24);
    private final Map<Group, Integer> counts;

    private Keywords(Map<Group, List<String>> phrases) {
        Map<Group, Integer> sizes = new EnumMap<>(Group.class);
        phrases.forEach((group, list) -> {
            sizes.put(group, list.size());
            for (String phrase : list) {
                Node node = group == Group.LINK ? linkRoot : root;
                for (int i = 0; i < phrase.length(); i++) {
                    node = node.add(phrase.charAt(i));
                }
                node.group = group;
                if (group != Group.LINK) {
                    startPairs.set(pair(phrase.charAt(0), phrase.charAt(1)));
                    int triples = pair(phrase.charAt(0), phrase.charAt(1)) << 8;
                    if (phrase.length() == 2) {
                        startTriples.set(triples, triples + 256);
                    } else {
                        startTriples.set(triples | (phrase.charAt(2) & 0xFF));
                    }
                }
            }
        });
        counts = Map.copyOf(sizes);
        index(root);
        index(linkRoot);
    }

    /** Gives every node with more than a few children its table of ASCII children. */
    private static void index(Node node) {
        if (node.keys.length > 4) {
            // a non-ASCII character still finds its child by the walk over the keys
            Node[] byChar = new Node[128];
            for (int i = 0; i < node.keys.length; i++) {
                if (node.keys[i] < 128) {
                    byChar[node.keys[i]] = node.next[i];
                }
            }
            node.ascii = byChar;
        }
        for (Node child : node.next) {
            index(child);
        }
    }

    private static int pair(char first, char second) {
        return (first & 0xFF) << 8 | (second & 0xFF);
    }

    /** Whether a keyword (not a linking word) may start with these two characters; a prefilter. */
    boolean mayStart(char first, char second) {
        return startPairs.get(pair(fold(first), fold(second)));
    }

    /** The default list from the classpath, parsed once per class loader (it is immutable). */
    public static Keywords defaults() {
        return Defaults.KEYWORDS;
    }

    private static final class Defaults {
        static final Keywords KEYWORDS = parse(List.of(Source.classpath(DEFAULT_RESOURCE)));
    }

    /** The default list plus an operator's file of additions in the same format. */
    public static Keywords defaultsAnd(Path extraFile) {
        return parse(List.of(Source.classpath(DEFAULT_RESOURCE), Source.file(extraFile)));
    }

    /** Parses keyword lines ({@code group phrase}); {@code name} is used in error messages. */
    public static Keywords of(String name, String content) {
        return parse(List.of(new Source(name, content)));
    }

    /** How many phrases a group holds. */
    public int count(Group group) {
        return counts.getOrDefault(group, 0);
    }

    /**
     * If a keyword starts at {@code start}, returns the end of the longest one and its group packed as
     * {@code end << 3 | group.ordinal()}; otherwise -1. The caller checks the word boundary before.
     */
    long match(String text, int start) {
        if (start + 2 < text.length() && !startTriples.get(pair(fold(text.charAt(start)), fold(text.charAt(start + 1))) << 8
                | (fold(text.charAt(start + 2)) & 0xFF))) {
            return -1;
        }
        return match(root, text, start);
    }

    /** As {@link #match}, for the linking words ("is", "er", "ist") that join a keyword to its value. */
    long matchLink(String text, int start) {
        return match(linkRoot, text, start);
    }

    private static long match(Node from, String text, int start) {
        Node node = from;
        long best = -1;
        int n = text.length();
        for (int i = start; i < n; i++) {
            node = node.child(fold(text.charAt(i)));
            if (node == null) {
                break;
            }
            if (node.group != null && (i + 1 >= n || !Character.isLetterOrDigit(text.charAt(i + 1)))) {
                best = ((long) (i + 1) << 3) | node.group.ordinal();
            }
        }
        return best;
    }

    static int matchEnd(long match) {
        return (int) (match >>> 3);
    }

    static Group matchGroup(long match) {
        return Group.values()[(int) (match & 7)];
    }

    /** Whether a keyword could start with this character (a cheap test before {@link #match}). */
    boolean mayStart(char c) {
        return root.child(fold(c)) != null;
    }

    /** Case and separator folding: "API_KEY", "api-key" and "Api Key" all read as "api key". */
    static char fold(char c) {
        if (c < 128) {
            if (c >= 'A' && c <= 'Z') {
                return (char) (c + 32);
            }
            if (c == '_' || c == '-') {
                return ' ';
            }
            return c;
        }
        if (c == '\u00a0') {
            return ' ';
        }
        return Character.toLowerCase(c);
    }

    private record Source(String name, String content) {
        static Source classpath(String resource) {
            try (InputStream in = Keywords.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("keyword list " + resource + " is missing from the classpath");
                }
                return new Source("classpath:" + resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read keyword list " + resource, e);
            }
        }

        static Source file(Path path) {
            try {
                return new Source(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read keyword file " + path + ": " + e.getMessage(), e);
            }
        }
    }

    private static Keywords parse(List<Source> sources) {
        Map<Group, List<String>> phrases = new EnumMap<>(Group.class);
        Set<String> seen = new HashSet<>();
        for (Source source : sources) {
            try {
                for (eu.postdesk.mailets.RuleLines.Line line : eu.postdesk.mailets.RuleLines.read(source.name(),
                        new java.io.ByteArrayInputStream(source.content().getBytes(java.nio.charset.StandardCharsets.UTF_8)))) {
                    int number = line.number();
                    String trimmed = line.text();
                    int space = trimmed.indexOf(' ');
                    String where = source.name() + " line " + number;
                    if (space < 0) {
                        throw new IllegalArgumentException(where + ": expected '<group> <phrase>', got one word");
                    }
                    Group group = Group.parse(trimmed.substring(0, space));
                    if (group == null) {
                        throw new IllegalArgumentException(where + ": unknown group '" + trimmed.substring(0, space)
                                + "', expected password, pin, remote, tool, secret or link");
                    }
                    String phrase = normalise(trimmed.substring(space + 1).strip());
                    if (phrase.length() < 2) {
                        throw new IllegalArgumentException(where + ": a phrase needs at least two characters");
                    }
                    if (!Character.isLetter(phrase.charAt(0))) {
                        throw new IllegalArgumentException(where + ": a phrase must start with a letter");
                    }
                    if (!seen.add(phrase)) {
                        throw new IllegalArgumentException(where + ": '" + phrase + "' is listed twice");
                    }
                    phrases.computeIfAbsent(group, g -> new ArrayList<>()).add(phrase);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (Group required : List.of(Group.PASSWORD, Group.LINK)) {
            if (!phrases.containsKey(required)) {
                throw new IllegalArgumentException("keyword lists define no '" + required.name().toLowerCase(Locale.ROOT)
                        + "' phrase");
            }
        }
        return new Keywords(phrases);
    }

    private static String normalise(String phrase) {
        StringBuilder folded = new StringBuilder(phrase.length());
        for (int i = 0; i < phrase.length(); i++) {
            char c = fold(phrase.charAt(i));
            if (c == ' ' && (folded.isEmpty() || folded.charAt(folded.length() - 1) == ' ')) {
                continue;
            }
            folded.append(c);
        }
        return folded.toString().strip();
    }
}
