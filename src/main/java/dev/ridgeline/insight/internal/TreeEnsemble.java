package dev.ridgeline.insight.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gradient-boosted trees evaluated in plain Java from XGBoost's JSON dump (with statistics): a million homes in
 * milliseconds, with no native call per home. The margin of "won" is the sum of the leaves its trees reach minus
 * those of "lost" (XGBoost's two-class softmax grows one tree per class per round). Each factor's contribution is
 * found along the path each tree takes (Saabas): at every split, the change in the tree's expected value (the
 * cover-weighted mean of the leaves below a node) is given to the split's factor, so the contributions add up to
 * the margin less the trees' expected value over the training data ({@link #base()}).
 */
final class TreeEnsemble {

    /** One tree as flat arrays; {@code factor[n] < 0} marks a leaf. */
    private record Tree(int[] factor, double[] threshold, int[] yes, int[] no, int[] missing, double[] value,
            double sign) {
    }

    private final List<Tree> trees;
    private final int factors;
    private final double base;

    private TreeEnsemble(List<Tree> trees, int factors) {
        this.trees = trees;
        this.factors = factors;
        double b = 0;
        for (Tree t : trees) {
            b += t.sign() * t.value()[0];
        }
        this.base = b;
    }

    /**
     * Reads XGBoost's JSON dump (one JSON tree per element) of a two-class softmax model: tree {@code i} belongs to
     * class {@code i % 2}, and {@code wonClass} says which is "won". {@code factorOf} maps a split's feature name
     * ("f3") to a factor index.
     */
    static TreeEnsemble fromDump(String[] dump, int wonClass, int factors, ToIntFunction<String> factorOf) {
        List<Tree> trees = new ArrayList<>(dump.length);
        for (int i = 0; i < dump.length; i++) {
            trees.add(tree(JsonMapper.shared().readTree(dump[i]), i % 2 == wonClass ? 1 : -1, factorOf));
        }
        return new TreeEnsemble(trees, factors);
    }

    /** The stored form: a JSON array of the dump's trees, each with its sign. */
    static TreeEnsemble fromJson(String json, int factors, ToIntFunction<String> factorOf) {
        List<Tree> trees = new ArrayList<>();
        for (JsonNode t : JsonMapper.shared().readTree(json)) {
            trees.add(tree(t.get("tree"), t.get("sign").asDouble(), factorOf));
        }
        return new TreeEnsemble(trees, factors);
    }

    static String toJson(String[] dump, int wonClass) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < dump.length; i++) {
            b.append(i == 0 ? "" : ",").append("{\"sign\":").append(i % 2 == wonClass ? 1 : -1).append(",\"tree\":")
                    .append(dump[i].strip()).append('}');
        }
        return b.append(']').toString();
    }

    private static Tree tree(JsonNode root, double sign, ToIntFunction<String> factorOf) {
        List<JsonNode> nodes = new ArrayList<>();
        collect(root, nodes);
        int size = 0;
        for (JsonNode n : nodes) {
            size = Math.max(size, n.get("nodeid").asInt() + 1);
        }
        int[] factor = new int[size];
        double[] threshold = new double[size];
        int[] yes = new int[size];
        int[] no = new int[size];
        int[] missing = new int[size];
        double[] value = new double[size];
        double[] cover = new double[size];
        for (JsonNode n : nodes) {
            int id = n.get("nodeid").asInt();
            cover[id] = n.path("cover").asDouble(1);
            if (n.has("leaf")) {
                factor[id] = -1;
                value[id] = n.get("leaf").asDouble();
            } else {
                factor[id] = factorOf.applyAsInt(n.get("split").asString());
                threshold[id] = n.get("split_condition").asDouble();
                yes[id] = n.get("yes").asInt();
                no[id] = n.get("no").asInt();
                missing[id] = n.path("missing").asInt(yes[id]);
            }
        }
        expected(0, factor, yes, no, value, cover);
        return new Tree(factor, threshold, yes, no, missing, value, sign);
    }

    private static void collect(JsonNode node, List<JsonNode> out) {
        out.add(node);
        for (JsonNode child : node.path("children")) {
            collect(child, out);
        }
    }

    /** Fills each inner node's value with the cover-weighted mean of its children's; answers the node's cover. */
    private static double expected(int n, int[] factor, int[] yes, int[] no, double[] value, double[] cover) {
        if (factor[n] < 0) {
            return cover[n];
        }
        double cy = expected(yes[n], factor, yes, no, value, cover);
        double cn = expected(no[n], factor, yes, no, value, cover);
        value[n] = (cy * value[yes[n]] + cn * value[no[n]]) / Math.max(cy + cn, 1e-12);
        return cover[n];
    }

    /** The log-odds margin of "won" for the factor values {@code x}. */
    double margin(double[] x) {
        double m = 0;
        for (Tree t : trees) {
            int n = 0;
            while (t.factor()[n] >= 0) {
                n = next(t, n, x);
            }
            m += t.sign() * t.value()[n];
        }
        return m;
    }

    /** Each factor's share of {@code margin(x) - base()}, by the path each tree takes. */
    double[] contributions(double[] x) {
        double[] out = new double[factors];
        for (Tree t : trees) {
            int n = 0;
            while (t.factor()[n] >= 0) {
                int child = next(t, n, x);
                out[t.factor()[n]] += t.sign() * (t.value()[child] - t.value()[n]);
                n = child;
            }
        }
        return out;
    }

    /** The trees' expected margin over the homes they learned from. */
    double base() {
        return base;
    }

    int size() {
        return trees.size();
    }

    private static int next(Tree t, int n, double[] x) {
        double v = x[t.factor()[n]];
        if (Double.isNaN(v)) {
            return t.missing()[n];
        }
        return v < t.threshold()[n] ? t.yes()[n] : t.no()[n];
    }
}
