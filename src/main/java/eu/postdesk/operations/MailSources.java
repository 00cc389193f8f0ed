package eu.postdesk.operations;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * Where old mail lives: an mbox file (mboxrd: {@code >From } lines unquoted), a maildir
 * ({@code cur/} and {@code new/}), or a folder of {@code .eml} files. Each message gets a key that
 * stays the same when the import runs again: its place in the mbox with a hash of its bytes, its
 * maildir name (without the flags after {@code :}), its path in the folder.
 */
final class MailSources {
    private MailSources() {
    }

    record Message(String key, byte[] raw) {
    }

    /** A source's name for the server, and its messages in order. */
    record Source(String name, int count, Iterator<Message> messages) {
    }

    static Source of(String kind, Path path) throws IOException {
        Path absolute = path.toAbsolutePath().normalize();
        return switch (kind) {
            case "mbox" -> new Source("mbox:" + absolute, countMbox(absolute), mbox(absolute));
            case "maildir" -> files("maildir:" + absolute, maildir(absolute), absolute, true);
            case "eml" -> files("eml:" + absolute, emlFiles(absolute), absolute, false);
            default -> throw new IllegalArgumentException("the source is mbox FILE, maildir DIR or eml DIR, not '" + kind + "'");
        };
    }

    /** Whether a file is an mbox (it starts with a {@code From } line) rather than one message. */
    static boolean isMbox(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(5);
            return new String(start, java.nio.charset.StandardCharsets.ISO_8859_1).equals("From ");
        }
    }

    static List<Message> all(Iterator<Message> messages) {
        List<Message> out = new ArrayList<>();
        messages.forEachRemaining(out::add);
        return out;
    }

    private static int countMbox(Path file) throws IOException {
        int count = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
            byte[] line;
            boolean blank = true;
            while ((line = line(in)) != null) {
                if (blank && startsWithFrom(line)) {
                    count++;
                }
                blank = isBlank(line);
            }
        }
        return count;
    }

    static Iterator<Message> mbox(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        return new Iterator<>() {
            private byte[] pending = first();
            private int index;

            private byte[] first() {
                try {
                    byte[] line = line(in);
                    while (line != null && !startsWithFrom(line)) {
                        line = line(in);
                    }
                    return line;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public boolean hasNext() {
                if (pending == null) {
                    try {
                        in.close();
                    } catch (IOException ignored) {
                        // read to the end
                    }
                }
                return pending != null;
            }

            @Override
            public Message next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<byte[]> lines = new ArrayList<>();
                try {
                    byte[] line;
                    pending = null;
                    while ((line = line(in)) != null) {
                        if (startsWithFrom(line) && (lines.isEmpty() || isBlank(lines.get(lines.size() - 1)))) {
                            pending = line;
                            break;
                        }
                        lines.add(unquoted(line));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (pending != null && !lines.isEmpty() && isBlank(lines.get(lines.size() - 1))) {
                    lines.remove(lines.size() - 1); // the blank line before the next "From " belongs to the mbox, not the message
                }
                ByteArrayOutputStream message = new ByteArrayOutputStream();
                lines.forEach(message::writeBytes);
                byte[] raw = message.toByteArray();
                index++;
                return new Message(index + ":" + hash(raw), raw);
            }
        };
    }

    private static Source files(String name, List<Path> files, Path root, boolean maildir) {
        Iterator<Path> paths = files.iterator();
        return new Source(name, files.size(), new Iterator<>() {
            @Override
            public boolean hasNext() {
                return paths.hasNext();
            }

            @Override
            public Message next() {
                Path file = paths.next();
                String key = maildir ? file.getFileName().toString().split(":", 2)[0] : root.relativize(file).toString();
                try {
                    return new Message(key, Files.readAllBytes(file));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file, e);
                }
            }
        });
    }

    private static List<Path> maildir(Path folder) throws IOException {
        if (!Files.isDirectory(folder.resolve("cur")) && !Files.isDirectory(folder.resolve("new"))) {
            throw new IOException(folder + " is not a maildir (no cur/ or new/)");
        }
        List<Path> files = new ArrayList<>();
        for (String sub : List.of("cur", "new")) {
            if (Files.isDirectory(folder.resolve(sub))) {
                try (Stream<Path> listing = Files.list(folder.resolve(sub))) {
                    listing.filter(Files::isRegularFile).forEach(files::add);
                }
            }
        }
        // maildir names begin with the delivery time: their order is the order mail came in
        files.sort(java.util.Comparator.comparing(p -> p.getFileName().toString()));
        return files;
    }

    private static List<Path> emlFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + " is not a folder");
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().toLowerCase().endsWith(".eml")).sorted().toList();
        }
    }

    private static byte[] line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.size() == 0 && b == -1 ? null : line.toByteArray();
    }

    private static boolean startsWithFrom(byte[] line) {
        return line.length >= 5 && line[0] == 'F' && line[1] == 'r' && line[2] == 'o' && line[3] == 'm' && line[4] == ' ';
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    /** mboxrd: one {@code >} taken off {@code >From }, {@code >>From }, ... */
    private static byte[] unquoted(byte[] line) {
        int quotes = 0;
        while (quotes < line.length && line[quotes] == '>') {
            quotes++;
        }
        if (quotes > 0 && line.length - quotes >= 5 && new String(line, quotes, 5, java.nio.charset.StandardCharsets.ISO_8859_1).equals("From ")) {
            return java.util.Arrays.copyOfRange(line, 1, line.length);
        }
        return line;
    }

    private static String hash(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw)).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
