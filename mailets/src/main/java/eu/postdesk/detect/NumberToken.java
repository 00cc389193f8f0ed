package eu.postdesk.detect;

/**
 * A run of digit groups joined by single separators ({@code 5518 9877 3881 9871}, {@code 901224-1502},
 * {@code 010594Y9032}), handed to each {@link NumberDetector}. Whether the run stands apart from its
 * surroundings ({@link #openLeft()}, {@link #openRight()}) keeps versions, dates, decimals and
 * references glued to letters out. Reused between tokens: detectors must not keep it.
 */
public final class NumberToken {
    static final int MAX_GROUPS = 40;

    private String text;
    // The characters of text, read instead of it (charAt on a text beyond Latin-1 decodes two bytes
    // and checks the index each time).
    private char[] chars;
    private final int[] starts = new int[MAX_GROUPS];
    private final int[] ends = new int[MAX_GROUPS];
    private int count;
    private long sizeMask;
    private int digits;
    private int lastFrom;
    private int lastTo;
    private int[] lastDigits;

    void reset(String text, char[] chars) {
        this.text = text;
        this.chars = chars;
        lastDigits = null;
        count = 0;
        sizeMask = 0;
        digits = 0;
    }

    void add(int start, int end) {
        lastDigits = null;
        starts[count] = start;
        ends[count] = end;
        count++;
        int size = end - start;
        sizeMask |= 1L << Math.min(size, 63);
        digits += size;
    }

    /** The sizes of the groups as a bit mask, as {@link NumberDetector#groupSizes()}. */
    long sizeMask() {
        return sizeMask;
    }

    /** Total digits of all groups. */
    int digits() {
        return digits;
    }

    boolean full() {
        return count == MAX_GROUPS;
    }

    public String text() {
        return text;
    }

    public int groups() {
        return count;
    }

    public int start(int group) {
        return starts[group];
    }

    public int end(int group) {
        return ends[group];
    }

    public int start() {
        return starts[0];
    }

    public int end() {
        return ends[count - 1];
    }

    /** Number of digits in a group. */
    public int size(int group) {
        return ends[group] - starts[group];
    }

    /** The separator before {@code group} (which must be at least 1). */
    public char separator(int group) {
        return chars[starts[group] - 1];
    }

    /** Total digits of the groups {@code from..to}, inclusive. */
    public int digitCount(int from, int to) {
        int total = 0;
        for (int g = from; g <= to; g++) {
            total += size(g);
        }
        return total;
    }

    /**
     * The digits of the groups {@code from..to}, inclusive, without separators, as values 0-9. The
     * last answer is kept for the next detector that asks about the same groups of this token (most
     * ask about the same ones), so the array is shared: read it, never change it.
     */
    public int[] digits(int from, int to) {
        if (lastDigits != null && lastFrom == from && lastTo == to) {
            return lastDigits;
        }
        int[] digits = new int[digitCount(from, to)];
        char[] chars = this.chars;
        int k = 0;
        for (int g = from; g <= to; g++) {
            for (int i = starts[g]; i < ends[g]; i++) {
                digits[k++] = chars[i] - '0';
            }
        }
        lastFrom = from;
        lastTo = to;
        lastDigits = digits;
        return digits;
    }

    /**
     * The sum of the first {@code weights.length} digits of the groups {@code from..to} times their
     * weights, as {@link Checksums#weightedSum} of {@link #digits}, without making the array: for
     * the detectors that most tokens reach and fail.
     */
    int weightedSum(int from, int to, int[] weights) {
        char[] chars = this.chars;
        int sum = 0;
        int k = 0;
        for (int g = from; g <= to && k < weights.length; g++) {
            for (int i = starts[g]; i < ends[g] && k < weights.length; i++) {
                sum += (chars[i] - '0') * weights[k++];
            }
        }
        return sum;
    }

    /** The first digit of group {@code group}, 0-9. */
    int firstDigit(int group) {
        return chars[starts[group]] - '0';
    }

    /** Whether all separators between the groups {@code from..to} are {@code separator}. */
    public boolean joinedBy(int from, int to, char separator) {
        for (int g = from + 1; g <= to; g++) {
            if (separator(g) != separator) {
                return false;
            }
        }
        return true;
    }

    /**
     * Nothing glued before the run: not a letter, digit, slash, {@code @}, {@code +} (a phone prefix),
     * a reference prefix ("INV-"), nor the decimal point or colon of a number before.
     */
    public boolean openLeft() {
        int before = start() - 1;
        if (before < 0) {
            return true;
        }
        char c = chars[before];
        if (Character.isLetterOrDigit(c) || c == '_' || c == '/' || c == '\\' || c == '@' || c == '+' || c == '&') {
            return false;
        }
        if (before == 0) {
            return true;
        }
        char previous = chars[before - 1];
        return switch (c) {
            // "INV-2024", "MV-2207": a reference glued to its prefix.
            case '-' -> !Character.isLetterOrDigit(previous);
            // "3.14", "1,5", "12:30": the tail of a decimal or a time.
            case '.', ',', ':' -> !Character.isDigit(previous);
            default -> true;
        };
    }

    /** Nothing glued after the run: not a letter, digit, {@code @}, nor a decimal part or further date part. */
    public boolean openRight() {
        return openAfter(end());
    }

    /** Whether the text at {@code after} ends a number cleanly. */
    public boolean openAfter(int after) {
        char[] chars = this.chars;
        if (after >= chars.length) {
            return true;
        }
        char c = chars[after];
        if (Character.isLetterOrDigit(c) || c == '_' || c == '@') {
            return false;
        }
        if ((c == '.' || c == ',' || c == ':' || c == '/' || c == '-') && after + 1 < chars.length) {
            return !Character.isDigit(chars[after + 1]);
        }
        return true;
    }

    /**
     * Whether the groups {@code from..to} stand apart: the run is open on both sides and the range
     * is cut from its neighbours by spaces only.
     */
    public boolean standalone(int from, int to) {
        return openBothSides()
                && (from == 0 || isSpace(separator(from)))
                && (to == count - 1 || isSpace(separator(to + 1)));
    }

    /**
     * Whether the run is open on both sides: what {@link #standalone} needs of any groups, so a
     * detector whose every finding stands apart can turn a glued token away before its loops.
     */
    public boolean openBothSides() {
        return openLeft() && openRight();
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\u00a0';
    }
}
