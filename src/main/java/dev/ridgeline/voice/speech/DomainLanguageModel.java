package dev.ridgeline.voice.speech;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A bigram language model of what people say on these calls, written in the ARPA format PocketSphinx reads, with the
 * pronouncing dictionary cut down to its words. The general English model (a 27 MB trigram model of 130,000 words)
 * hears the telephone's narrow band poorly; a model of the call's own words hears it far better and loads in a tenth
 * of the time. Absolute discounting (D = 0.5) with back-off to add-one unigrams, so any sequence of known words stays
 * possible; words the dictionary does not know are left out and reported.
 */
public final class DomainLanguageModel {

    private static final double DISCOUNT = 0.5;

    private final Set<String> vocabulary;
    private final Set<String> unknown;
    private final String arpa;

    private DomainLanguageModel(Set<String> vocabulary, Set<String> unknown, String arpa) {
        this.vocabulary = vocabulary;
        this.unknown = unknown;
        this.arpa = arpa;
    }

    /** Splits a line into lower-case words. */
    public static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        for (String w : line.toLowerCase(Locale.ROOT).replaceAll("[^a-z' ]", " ").split("\\s+")) {
            String t = w.replaceAll("^'+|'+$", "");
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /** Builds the model of {@code corpus} (one utterance a line) over the words {@code known} to the dictionary. */
    public static DomainLanguageModel build(List<String> corpus, Set<String> known) {
        Map<String, Integer> unigrams = new TreeMap<>();
        Map<String, Map<String, Integer>> bigrams = new TreeMap<>();
        Set<String> unknown = new TreeSet<>();
        int sentences = 0;
        for (String line : corpus) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> ws = new ArrayList<>();
            ws.add("<s>");
            for (String w : words(line)) {
                if (known.contains(w)) {
                    ws.add(w);
                } else {
                    unknown.add(w);
                }
            }
            ws.add("</s>");
            sentences++;
            for (int i = 0; i < ws.size(); i++) {
                unigrams.merge(ws.get(i), 1, Integer::sum);
                if (i > 0) {
                    bigrams.computeIfAbsent(ws.get(i - 1), k -> new TreeMap<>()).merge(ws.get(i), 1, Integer::sum);
                }
            }
        }
        if (sentences == 0) {
            throw new IllegalArgumentException("the language model needs at least one sentence");
        }
        // Unigrams: add-one over the vocabulary (<s> is never predicted).
        Map<String, Double> p1 = new HashMap<>();
        int total = 0;
        for (var e : unigrams.entrySet()) {
            if (!e.getKey().equals("<s>")) {
                total += e.getValue();
            }
        }
        int v = unigrams.size() - 1;
        for (var e : unigrams.entrySet()) {
            if (!e.getKey().equals("<s>")) {
                p1.put(e.getKey(), (e.getValue() + 1.0) / (total + v));
            }
        }
        StringBuilder one = new StringBuilder();
        StringBuilder two = new StringBuilder();
        int bigramCount = 0;
        for (String w : unigrams.keySet()) {
            Map<String, Integer> next = bigrams.get(w);
            double backoff = 0;
            if (next != null) {
                int count = next.values().stream().mapToInt(Integer::intValue).sum();
                double seenLower = 0;
                for (var e : next.entrySet()) {
                    double p = (e.getValue() - DISCOUNT) / count;
                    two.append(String.format(Locale.ROOT, "%.6f %s %s%n", Math.log10(p), w, e.getKey()));
                    seenLower += p1.get(e.getKey());
                    bigramCount++;
                }
                double left = DISCOUNT * next.size() / count;
                backoff = seenLower >= 1 ? 0 : Math.log10(left / (1 - seenLower));
            }
            double prob = w.equals("<s>") ? -99 : Math.log10(p1.get(w));
            one.append(String.format(Locale.ROOT, "%.6f %s %.6f%n", prob, w, backoff));
        }
        String arpa = "\\data\\\nngram 1=" + unigrams.size() + "\nngram 2=" + bigramCount + "\n\n\\1-grams:\n" + one
                + "\n\\2-grams:\n" + two + "\n\\end\\\n";
        Set<String> vocabulary = new TreeSet<>(unigrams.keySet());
        vocabulary.remove("<s>");
        vocabulary.remove("</s>");
        return new DomainLanguageModel(vocabulary, unknown, arpa);
    }

    public Set<String> vocabulary() {
        return vocabulary;
    }

    /** Words of the corpus the dictionary has no pronunciation for (left out of the model). */
    public Set<String> unknown() {
        return unknown;
    }

    public String arpa() {
        return arpa;
    }

    /** Writes the model and the dictionary lines of its words (with their alternative pronunciations) to {@code dir}. */
    public ModelFiles write(Path dir, Path dictionary) {
        try {
            Files.createDirectories(dir);
            Path lm = dir.resolve("domain.lm");
            Path dic = dir.resolve("domain.dic");
            Files.writeString(lm, arpa, StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>();
            try (var all = Files.lines(dictionary, StandardCharsets.UTF_8)) {
                all.forEach(l -> {
                    int space = l.indexOf(' ');
                    if (space > 0 && vocabulary.contains(l.substring(0, space).replaceAll("\\(\\d+\\)$", ""))) {
                        lines.add(l);
                    }
                });
            }
            Files.write(dic, lines, StandardCharsets.UTF_8);
            return new ModelFiles(lm, dic);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The words of a pronouncing dictionary (first field of each line, alternatives folded). */
    public static Set<String> dictionaryWords(Path dictionary) {
        try (var all = Files.lines(dictionary, StandardCharsets.UTF_8)) {
            Set<String> out = new java.util.HashSet<>();
            all.forEach(l -> {
                int space = l.indexOf(' ');
                if (space > 0) {
                    out.add(l.substring(0, space).replaceAll("\\(\\d+\\)$", ""));
                }
            });
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The two files PocketSphinx is given. */
    public record ModelFiles(Path languageModel, Path dictionary) {
    }
}
