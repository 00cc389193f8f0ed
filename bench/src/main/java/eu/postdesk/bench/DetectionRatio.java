package eu.postdesk.bench;

import eu.postdesk.detect.SensitiveDataScanner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fastest-run detection speed, robust on a busy machine: scans the mixed and the dense corpus with
 * each named scanner in turn, {@code rounds} times, and keeps each one's fastest scan (the one the
 * scheduler disturbed least). Scanners: {@code default} ({@link SensitiveDataScanner#standard()} as
 * built), {@code none}, {@code gitleaks} (see {@link RuleSets}), and {@code jar=PATH}: the
 * {@code standard()} scanner of another build of the mailets jar (e.g. the one before a change),
 * loaded in its own class loader, so that both builds are timed in one JVM under the same load.
 * Usage: {@code DetectionRatio <rounds> <scanner>...}.
 */
public final class DetectionRatio {
    private DetectionRatio() {
    }

    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        List<String> names = List.of(args).subList(1, args.length);
        List<java.util.function.Function<String, Object>> scanners = new ArrayList<>();
        for (String name : names) {
            if (name.startsWith("jar=")) {
                scanners.add(otherBuild(java.nio.file.Path.of(name.substring(4))));
                continue;
            }
            SensitiveDataScanner scanner = switch (name) {
                case "none" -> RuleSets.withoutRules();
                case "gitleaks" -> RuleSets.withGitleaksRules();
                default -> SensitiveDataScanner.standard();
            };
            scanners.add(scanner::scan);
        }
        String[] texts = {SupportMailCorpus.mixed(), SupportMailCorpus.dense()};
        String[] textNames = {"mixed", "dense"};
        long[][] fastest = new long[scanners.size()][texts.length];
        for (long[] row : fastest) {
            java.util.Arrays.fill(row, Long.MAX_VALUE);
        }
        for (int round = 0; round < rounds; round++) {
            for (int t = 0; t < texts.length; t++) {
                for (int s = 0; s < scanners.size(); s++) {
                    long started = System.nanoTime();
                    scanners.get(s).apply(texts[t]);
                    fastest[s][t] = Math.min(fastest[s][t], System.nanoTime() - started);
                }
            }
        }
        for (int t = 0; t < texts.length; t++) {
            double megabytes = texts[t].getBytes(StandardCharsets.UTF_8).length / 1e6;
            for (int s = 0; s < scanners.size(); s++) {
                double ms = fastest[s][t] / 1e6;
                System.out.printf("%s\t%s\t%.2f MB\tfastest %.1f ms\t%.1f MB/s%n", textNames[t], names.get(s), megabytes, ms,
                        megabytes / (ms / 1000));
            }
        }
    }

    /** {@code SensitiveDataScanner.standard().scan} of the mailets jar at {@code jar}, its own classes first. */
    private static java.util.function.Function<String, Object> otherBuild(java.nio.file.Path jar) {
        try {
            ClassLoader loader = new java.net.URLClassLoader(new java.net.URL[]{jar.toUri().toURL()}, DetectionRatio.class.getClassLoader()) {
                @Override
                protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                    if (!name.startsWith("eu.postdesk.")) {
                        return super.loadClass(name, resolve);
                    }
                    synchronized (getClassLoadingLock(name)) {
                        Class<?> loaded = findLoadedClass(name);
                        if (loaded == null) {
                            try {
                                loaded = findClass(name);
                            } catch (ClassNotFoundException notInThatJar) {
                                loaded = super.loadClass(name, false);
                            }
                        }
                        return loaded;
                    }
                }

                @Override
                public java.net.URL getResource(String name) {
                    java.net.URL own = findResource(name);
                    return own != null ? own : super.getResource(name);
                }

                @Override
                public java.io.InputStream getResourceAsStream(String name) {
                    try {
                        java.net.URL own = getResource(name);
                        return own == null ? null : own.openStream();
                    } catch (java.io.IOException e) {
                        return null;
                    }
                }
            };
            Class<?> type = loader.loadClass("eu.postdesk.detect.SensitiveDataScanner");
            Object scanner = type.getMethod("standard").invoke(null);
            java.lang.reflect.Method scan = type.getMethod("scan", CharSequence.class);
            return text -> {
                try {
                    return scan.invoke(scanner, text);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            };
        } catch (ReflectiveOperationException | java.io.IOException e) {
            throw new IllegalStateException("cannot load the scanner of " + jar + ": " + e, e);
        }
    }
}
