package eu.postdesk.detect;

/**
 * One sensitive value found in a text: its kind (for example {@code PESEL}, {@code CARD},
 * {@code PASSWORD}, {@code AWS_SECRET_KEY}) and the half-open span {@code [start, end)} of the
 * value itself (the keyword that introduced it is not part of the span). Never holds the value.
 */
public record Finding(String kind, int start, int end) {
    public Finding {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("a finding needs a non-empty span, got " + start + ".." + end);
        }
    }

    public int length() {
        return end - start;
    }
}
