package dev.ridgeline.insight.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import dev.ridgeline.insight.FactorKind;
import dev.ridgeline.leads.LeadOutcome;
import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.platform.TenantId;

/**
 * Which model scores a company's homes: the prior, until its own decided leads (started from scored homes) number
 * at least {@value #MIN_OUTCOMES} with at least {@value #MIN_EACH} won and lost; then a model trained on them at each
 * full pass and rescoring. The candidates are a logistic regression (Tribuo, AdaGrad, fixed seed) and, from
 * {@value #MIN_BOOSTED} outcomes with {@value #MIN_BOOSTED_EACH} of each, gradient-boosted trees (Tribuo with
 * XGBoost); each is judged by {@value #FOLDS}-fold cross-validation, the one with the lower out-of-fold Brier score
 * wins (the logistic on a tie), and it is calibrated by Platt scaling fitted on its out-of-fold margins. The fit kept
 * with it (Brier score and AUC) is out of fold: how it did on leads it had not seen.
 */
@Component
class ScoreModels {

    static final int MIN_OUTCOMES = 30;
    static final int MIN_EACH = 5;
    static final int MIN_BOOSTED = 100;
    static final int MIN_BOOSTED_EACH = 20;
    static final int FOLDS = 5;
    private static final long SEED = 20261126L;
    private static final Logger log = LoggerFactory.getLogger(ScoreModels.class);
    private static final String[] NAMES = featureNames();

    private final JdbcClient jdbc;
    private final LeadsService leads;
    private final Clock clock;
    /** Parsed models by company, while their training time is the stored one. */
    private final Map<TenantId, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Instant trainedAt, LearnedModel model) {
    }

    ScoreModels(JdbcClient jdbc, LeadsService leads, Clock clock) {
        this.jdbc = jdbc;
        this.leads = leads;
        this.clock = clock;
    }

    private static String[] featureNames() {
        String[] names = new String[FactorKind.values().length];
        for (FactorKind k : FactorKind.values()) {
            names[k.ordinal()] = k.name();
        }
        return names;
    }

    /** The model that scores the company's homes now. */
    ScoreModel current(TenantId tenant, PriorModel prior) {
        Optional<Instant> trainedAt = jdbc.sql("select trained_at from insight.score_model where tenant_id = :t")
                .param("t", tenant.value()).query((rs, n) -> rs.getTimestamp(1).toInstant()).optional();
        if (trainedAt.isEmpty()) {
            cache.remove(tenant);
            return prior;
        }
        Cached cached = cache.get(tenant);
        if (cached != null && cached.trainedAt().equals(trainedAt.get())) {
            return cached.model();
        }
        LearnedModel model = jdbc.sql("""
                select name, kind, bias, weights, trees, platt_a, platt_b from insight.score_model where tenant_id = :t""")
                .param("t", tenant.value())
                .query((rs, n) -> "BOOSTED".equals(rs.getString(2))
                        ? LearnedModel.boosted(rs.getString(1), trees(rs.getString(5)), rs.getDouble(6),
                                rs.getDouble(7), prior)
                        : LearnedModel.logistic(rs.getString(1), rs.getDouble(3),
                                unbox((Double[]) rs.getArray(4).getArray()), rs.getDouble(6), rs.getDouble(7), prior))
                .single();
        cache.put(tenant, new Cached(trainedAt.get(), model));
        return model;
    }

    private static TreeEnsemble trees(String json) {
        return TreeEnsemble.fromJson(json, NAMES.length, name -> FactorKind.valueOf(name).ordinal());
    }

    private static double[] unbox(Double[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /** What scores the company's homes now, for people: the learned model and its fit, or the prior. */
    dev.ridgeline.insight.ScoringModel describe(TenantId tenant) {
        return jdbc.sql("""
                select name, outcomes, won, auc, brier, trained_at, kind, folds, rival, rival_brier
                from insight.score_model where tenant_id = :t""")
                .param("t", tenant.value())
                .query((rs, n) -> new dev.ridgeline.insight.ScoringModel(rs.getString(1), true, rs.getInt(2),
                        rs.getInt(3), rs.getDouble(4), rs.getDouble(5), rs.getTimestamp(6).toInstant(), MIN_OUTCOMES,
                        LearnedModel.Kind.valueOf(rs.getString(7)).label(), rs.getInt(8),
                        rs.getString(9) == null ? null : LearnedModel.Kind.valueOf(rs.getString(9)).label(),
                        (Double) rs.getObject(10)))
                .optional()
                .orElseGet(() -> {
                    List<LeadOutcome> outcomes = leads.outcomes(tenant);
                    return new dev.ridgeline.insight.ScoringModel(PriorModel.NAME, false, outcomes.size(),
                            (int) outcomes.stream().filter(LeadOutcome::won).count(), null, null, null, MIN_OUTCOMES,
                            "prior", 0, null, null);
                });
    }

    /** A candidate judged out of fold: its margins on the leads it had not seen, calibrated, and their fit. */
    record Judged(LearnedModel.Kind kind, double[] margins, double plattA, double plattB, double brier, double auc) {
    }

    /** The homes of the company's decided leads: all a model learns from. */
    List<UUID> decidedHomes(TenantId tenant) {
        return leads.outcomes(tenant).stream().map(LeadOutcome::propertyId).distinct().toList();
    }

    /** Trains on the company's decided leads when there are enough (the homes' features as of now); else forgets. */
    Optional<LearnedModel> train(TenantId tenant, List<HomeFeatures> homes, LocalDate asOf, PriorModel prior) {
        Map<UUID, HomeFeatures> byId = new HashMap<>(homes.size() * 2);
        homes.forEach(h -> byId.put(h.propertyId, h));
        List<double[]> xs = new ArrayList<>();
        List<Boolean> ys = new ArrayList<>();
        for (LeadOutcome o : leads.outcomes(tenant)) {
            HomeFeatures h = byId.get(o.propertyId());
            if (h != null) {
                xs.add(LearnedModel.features(prior, h, asOf));
                ys.add(o.won());
            }
        }
        long won = ys.stream().filter(b -> b).count();
        if (xs.size() < MIN_OUTCOMES || won < MIN_EACH || xs.size() - won < MIN_EACH) {
            jdbc.sql("delete from insight.score_model where tenant_id = :t").param("t", tenant.value()).update();
            return Optional.empty();
        }
        Selection selection = select(xs, ys, "learned-" + xs.size(), prior);
        LearnedModel model = selection.model();
        Judged best = selection.best();
        Judged rival = selection.rival();
        jdbc.sql("""
                insert into insight.score_model (tenant_id, name, trained_at, outcomes, won, bias, weights, brier, auc,
                  kind, trees, platt_a, platt_b, folds, rival, rival_brier)
                values (:t, :name, :now, :n, :won, :bias, :w, :brier, :auc, :kind, :trees, :a, :b, :folds, :rival,
                  :rivalBrier)
                on conflict (tenant_id) do update set name = excluded.name, trained_at = excluded.trained_at,
                  outcomes = excluded.outcomes, won = excluded.won, bias = excluded.bias, weights = excluded.weights,
                  brier = excluded.brier, auc = excluded.auc, kind = excluded.kind, trees = excluded.trees,
                  platt_a = excluded.platt_a, platt_b = excluded.platt_b, folds = excluded.folds,
                  rival = excluded.rival, rival_brier = excluded.rival_brier""")
                .param("t", tenant.value()).param("name", model.name()).param("now", Timestamp.from(clock.instant()))
                .param("n", xs.size()).param("won", (int) won).param("bias", model.bias())
                .param("w", box(model.weights())).param("brier", best.brier()).param("auc", best.auc())
                .param("kind", model.kind().name()).param("trees", selection.trees())
                .param("a", model.plattA()).param("b", model.plattB()).param("folds", FOLDS)
                .param("rival", rival == null ? null : rival.kind().name())
                .param("rivalBrier", rival == null ? null : rival.brier())
                .update();
        log.info("Scoring model for {} trained on {} outcomes ({} won): {}, out of fold Brier {} and AUC {}{}", tenant,
                xs.size(), won, model.kind().label(), best.brier(), best.auc(),
                rival == null ? "" : "; " + rival.kind().label() + " Brier " + rival.brier());
        return Optional.of(model);
    }

    /** The chosen model, trained on every outcome and calibrated; how it and its rival did out of fold. */
    record Selection(LearnedModel model, Judged best, @Nullable Judged rival, @Nullable String trees) {
    }

    static Selection select(List<double[]> xs, List<Boolean> ys, String name, PriorModel prior) {
        long won = ys.stream().filter(b -> b).count();
        int[] fold = folds(ys);
        Judged logistic = judge(LearnedModel.Kind.LOGISTIC, xs, ys, fold, prior);
        Judged boosted = xs.size() >= MIN_BOOSTED && won >= MIN_BOOSTED_EACH && xs.size() - won >= MIN_BOOSTED_EACH
                ? judge(LearnedModel.Kind.BOOSTED, xs, ys, fold, prior) : null;
        Judged best = boosted != null && boosted.brier() < logistic.brier() ? boosted : logistic;
        Judged rival = best == logistic ? boosted : logistic;
        if (best.kind() == LearnedModel.Kind.BOOSTED) {
            var trained = boost(xs, ys);
            return new Selection(LearnedModel.boosted(name, trained.ensemble(), best.plattA(), best.plattB(), prior),
                    best, rival, trained.json());
        }
        LearnedModel model = fold(tribuo(xs, ys), name, prior).calibrated(best.plattA(), best.plattB());
        return new Selection(model, best, rival, null);
    }

    /** Fold of each outcome: won and lost dealt round the folds separately, in a seeded shuffled order. */
    static int[] folds(List<Boolean> ys) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ys.size(); i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new Random(SEED));
        int[] fold = new int[ys.size()];
        int wonSeen = 0;
        int lostSeen = 0;
        for (int i : order) {
            fold[i] = ys.get(i) ? wonSeen++ % FOLDS : lostSeen++ % FOLDS;
        }
        return fold;
    }

    private static Judged judge(LearnedModel.Kind kind, List<double[]> xs, List<Boolean> ys, int[] fold,
            PriorModel prior) {
        double[] margins = new double[xs.size()];
        for (int f = 0; f < FOLDS; f++) {
            List<double[]> trainX = new ArrayList<>();
            List<Boolean> trainY = new ArrayList<>();
            for (int i = 0; i < xs.size(); i++) {
                if (fold[i] != f) {
                    trainX.add(xs.get(i));
                    trainY.add(ys.get(i));
                }
            }
            if (trainY.stream().distinct().count() < 2) {
                continue;
            }
            LearnedModel m = kind == LearnedModel.Kind.BOOSTED
                    ? LearnedModel.boosted("fold", boost(trainX, trainY).ensemble(), 1, 0, prior)
                    : fold(tribuo(trainX, trainY), "fold", prior);
            for (int i = 0; i < xs.size(); i++) {
                if (fold[i] == f) {
                    margins[i] = m.margin(xs.get(i));
                }
            }
        }
        boolean[] y = new boolean[ys.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = ys.get(i);
        }
        double[] ab = Platt.fit(margins, y);
        double[] p = new double[y.length];
        double brier = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = LearnedModel.sigmoid(ab[0] * margins[i] + ab[1]);
            brier += Math.pow(p[i] - (y[i] ? 1 : 0), 2) / p.length;
        }
        return new Judged(kind, margins, ab[0], ab[1], brier, Backtester.auc(p, y));
    }

    private static Double[] box(double[] values) {
        Double[] out = new Double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /** Boosted trees and their stored form. */
    record Boosted(TreeEnsemble ensemble, String json) {
    }

    /** Gradient-boosted trees by XGBoost through Tribuo: 60 rounds of depth-3 trees, shrinkage 0.1, one thread. */
    static Boosted boost(List<double[]> xs, List<Boolean> ys) {
        XGBoostModel<Label> model = xgboost(xs, ys);
        try {
            String[] dump = model.getInnerModels().getFirst().getModelDump("", true, "json");
            int wonClass = model.getOutputIDInfo().getID(new Label("won"));
            var ids = model.getFeatureIDMap();
            TreeEnsemble trees = TreeEnsemble.fromDump(dump, wonClass, NAMES.length,
                    f -> FactorKind.valueOf(ids.get(Integer.parseInt(f.substring(1))).getName()).ordinal());
            // Stored with factor names in place of XGBoost's column numbers, which are Tribuo's alone.
            String[] named = new String[dump.length];
            for (int i = 0; i < dump.length; i++) {
                named[i] = rename(dump[i], ids);
            }
            return new Boosted(trees, TreeEnsemble.toJson(named, wonClass));
        } catch (ml.dmlc.xgboost4j.java.XGBoostError e) {
            throw new IllegalStateException("reading the boosted trees failed: " + e.getMessage(), e);
        }
    }

    static XGBoostModel<Label> xgboost(List<double[]> xs, List<Boolean> ys) {
        return new XGBoostClassificationTrainer(60, 0.1, 0, 3, 1, 1, 1, 1, 0, 1, true, SEED).train(dataset(xs, ys));
    }

    private static String rename(String dump, org.tribuo.ImmutableFeatureMap ids) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"split\"\\s*:\\s*\"f(\\d+)\"").matcher(dump);
        return m.replaceAll(r -> "\"split\":\"" + ids.get(Integer.parseInt(r.group(1))).getName() + "\"");
    }

    private static MutableDataset<Label> dataset(List<double[]> xs, List<Boolean> ys) {
        LabelFactory factory = new LabelFactory();
        List<Example<Label>> examples = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            examples.add(new ArrayExample<>(new Label(ys.get(i) ? "won" : "lost"), NAMES, xs.get(i)));
        }
        return new MutableDataset<>(new ListDataSource<>(examples, factory,
                new SimpleDataSourceProvenance("lead outcomes", factory)));
    }

    /** Logistic regression by Tribuo (see {@link #fold} for the log-odds weights). */
    static LinearSGDModel tribuo(List<double[]> xs, List<Boolean> ys) {
        var trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.5, 0.1), 200, 1000, 1, SEED);
        return trainer.train(dataset(xs, ys));
    }

    static Example<Label> example(double[] x) {
        return new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, NAMES, x);
    }

    /** The two-class softmax weights of a Tribuo logistic regression folded into one log-odds weight per factor. */
    static LearnedModel fold(LinearSGDModel model, String name, PriorModel prior) {
        DenseMatrix w = model.getWeightsCopy();
        int wonRow = model.getOutputIDInfo().getID(new Label("won"));
        int lostRow = model.getOutputIDInfo().getID(new Label("lost"));
        double[] weights = new double[NAMES.length];
        for (int k = 0; k < NAMES.length; k++) {
            int column = model.getFeatureIDMap().getID(NAMES[k]);
            weights[k] = column < 0 ? 0 : w.get(wonRow, column) - w.get(lostRow, column);
        }
        int biasColumn = w.getDimension2Size() - 1;
        return LearnedModel.logistic(name, w.get(wonRow, biasColumn) - w.get(lostRow, biasColumn), weights, 1, 0,
                prior);
    }
}
