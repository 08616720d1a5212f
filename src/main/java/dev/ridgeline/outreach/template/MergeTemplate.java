package dev.ridgeline.outreach.template;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A parsed template. The language, all of it: {@code {{field}}}; {@code {{field | "fallback"}}} (the fallback when
 * the field has no value); {@code {{#if field}}...{{else}}...{{/if}}} (nestable). Fields come from
 * {@link MergeField}; anything else is refused at parse time with its line and column.
 */
public final class MergeTemplate {

    /** A problem in a template's text, where it is. */
    public record Problem(int line, int column, String message) {

        @Override
        public String toString() {
            return "line " + line + ", column " + column + ": " + message;
        }
    }

    /** Thrown by {@link #parse} with every problem found. */
    public static final class InvalidTemplateException extends RuntimeException {

        private final transient List<Problem> problems;

        InvalidTemplateException(List<Problem> problems) {
            super(problems.stream().map(Problem::toString).reduce((a, b) -> a + "; " + b).orElse("invalid template"));
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    /** What rendering produced, and the fields that had no value and no fallback. */
    public record Rendered(String text, Set<MergeField> missing) {
    }

    private sealed interface Node permits Text, Field, If {
    }

    private record Text(String text) implements Node {
    }

    private record Field(MergeField field, @Nullable String fallback) implements Node {
    }

    private record If(MergeField field, List<Node> then, List<Node> otherwise) implements Node {
    }

    private static final Pattern TAG = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);
    private static final Pattern FIELD = Pattern.compile("\\s*([a-zA-Z]+\\.[a-zA-Z]+)\\s*(?:\\|\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*)?");
    private static final Pattern IF = Pattern.compile("\\s*#if\\s+([a-zA-Z]+\\.[a-zA-Z]+)\\s*");

    private final List<Node> nodes;
    private final Set<MergeField> fields;

    private MergeTemplate(List<Node> nodes, Set<MergeField> fields) {
        this.nodes = nodes;
        this.fields = fields;
    }

    /** The fields the template uses. */
    public Set<MergeField> fields() {
        return fields;
    }

    public static MergeTemplate parse(String source) {
        List<Problem> problems = new ArrayList<>();
        Set<MergeField> used = new LinkedHashSet<>();
        // A stack of open {{#if}}s: the list being filled, and the If under construction.
        List<List<Node>> stack = new ArrayList<>();
        List<Object[]> open = new ArrayList<>();
        List<Node> root = new ArrayList<>();
        List<Node> current = root;
        Matcher m = TAG.matcher(source);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                current.add(new Text(source.substring(at, m.start())));
            }
            at = m.end();
            String inside = m.group(1);
            String trimmed = inside.strip();
            Matcher ifm = IF.matcher(inside);
            if (ifm.matches()) {
                MergeField f = field(ifm.group(1), source, m.start(), problems);
                List<Node> then = new ArrayList<>();
                open.add(new Object[] {f, then, null, m.start()});
                stack.add(current);
                current = then;
                if (f != null) {
                    used.add(f);
                }
            } else if (trimmed.equals("else")) {
                if (open.isEmpty() || open.getLast()[2] != null) {
                    problems.add(problem(source, m.start(), "{{else}} without an open {{#if}}"));
                } else {
                    List<Node> otherwise = new ArrayList<>();
                    open.getLast()[2] = otherwise;
                    current = otherwise;
                }
            } else if (trimmed.equals("/if")) {
                if (open.isEmpty()) {
                    problems.add(problem(source, m.start(), "{{/if}} without an open {{#if}}"));
                } else {
                    Object[] o = open.removeLast();
                    current = stack.removeLast();
                    @SuppressWarnings("unchecked")
                    List<Node> then = (List<Node>) o[1];
                    @SuppressWarnings("unchecked")
                    List<Node> otherwise = o[2] == null ? List.of() : (List<Node>) o[2];
                    if (o[0] != null) {
                        current.add(new If((MergeField) o[0], List.copyOf(then), List.copyOf(otherwise)));
                    }
                }
            } else {
                Matcher fm = FIELD.matcher(inside);
                if (fm.matches()) {
                    MergeField f = field(fm.group(1), source, m.start(), problems);
                    if (f != null) {
                        used.add(f);
                        current.add(new Field(f, fm.group(2) == null ? null : fm.group(2).replaceAll("\\\\(.)", "$1")));
                    }
                } else {
                    problems.add(problem(source, m.start(), "'{{" + abbreviate(inside) + "}}' is not a field, "
                            + "{{#if field}}, {{else}} or {{/if}}; a fallback is written {{field | \"text\"}}"));
                }
            }
        }
        if (at < source.length()) {
            current.add(new Text(source.substring(at)));
        }
        int unclosed = source.indexOf("{{", at);
        if (unclosed >= 0) {
            problems.add(problem(source, unclosed, "'{{' is never closed with '}}'"));
        }
        for (Object[] o : open) {
            problems.add(problem(source, (Integer) o[3], "{{#if}} is never closed with {{/if}}"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidTemplateException(problems);
        }
        return new MergeTemplate(List.copyOf(root), Set.copyOf(used));
    }

    /**
     * Renders with {@code values} (a blank value counts as none); {@code html} escapes values and fallbacks for HTML.
     */
    public Rendered render(Map<MergeField, String> values, boolean html) {
        StringBuilder out = new StringBuilder();
        Set<MergeField> missing = new LinkedHashSet<>();
        render(nodes, values, html, out, missing);
        return new Rendered(out.toString(), missing);
    }

    private static void render(List<Node> nodes, Map<MergeField, String> values, boolean html, StringBuilder out,
            Set<MergeField> missing) {
        for (Node n : nodes) {
            switch (n) {
                case Text t -> out.append(t.text());
                case Field f -> {
                    String v = values.get(f.field());
                    if (v == null || v.isBlank()) {
                        if (f.fallback() == null) {
                            missing.add(f.field());
                            continue;
                        }
                        v = f.fallback();
                    }
                    out.append(html ? escape(v) : v);
                }
                case If i -> {
                    String v = values.get(i.field());
                    render(v != null && !v.isBlank() ? i.then() : i.otherwise(), values, html, out, missing);
                }
            }
        }
    }

    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static @Nullable MergeField field(String key, String source, int offset, List<Problem> problems) {
        var f = MergeField.byKey(key);
        if (f.isEmpty()) {
            problems.add(problem(source, offset, "unknown field '" + key + "'; the fields are "
                    + String.join(", ", java.util.Arrays.stream(MergeField.values()).map(MergeField::key).toList())));
            return null;
        }
        return f.get();
    }

    private static Problem problem(String source, int offset, String message) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < source.length(); i++) {
            if (source.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Problem(line, offset - lineStart + 1, message);
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() <= 40 ? t : t.substring(0, 39) + "…";
    }
}
