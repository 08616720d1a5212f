package dev.ridgeline.insight.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
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
 * at least {@value #MIN_OUTCOMES} with at least {@value #MIN_EACH} won and lost; then a logistic regression (Tribuo,
 * AdaGrad, fixed seed) trained on them at each full pass. The fit is kept with the model (Brier score and AUC on the
 * outcomes it learned from).
 */
@Component
class ScoreModels {

    static final int MIN_OUTCOMES = 30;
    static final int MIN_EACH = 5;
    private static final Logger log = LoggerFactory.getLogger(ScoreModels.class);
    private static final String[] NAMES = featureNames();

    private final JdbcClient jdbc;
    private final LeadsService leads;
    private final Clock clock;

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
        return jdbc.sql("select name, bias, weights from insight.score_model where tenant_id = :t")
                .param("t", tenant.value())
                .query((rs, n) -> (ScoreModel) new LearnedModel(rs.getString(1), rs.getDouble(2),
                        unbox((Double[]) rs.getArray(3).getArray()), prior))
                .optional().orElse(prior);
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
        return jdbc.sql("select name, outcomes, won, auc, brier, trained_at from insight.score_model where tenant_id = :t")
                .param("t", tenant.value())
                .query((rs, n) -> new dev.ridgeline.insight.ScoringModel(rs.getString(1), true, rs.getInt(2),
                        rs.getInt(3), rs.getDouble(4), rs.getDouble(5), rs.getTimestamp(6).toInstant(), MIN_OUTCOMES))
                .optional()
                .orElseGet(() -> new dev.ridgeline.insight.ScoringModel(PriorModel.NAME, false,
                        (int) leads.outcomes(tenant).size(), (int) leads.outcomes(tenant).stream()
                                .filter(LeadOutcome::won).count(), null, null, null, MIN_OUTCOMES));
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
        LearnedModel model = fit(xs, ys, "learned-" + xs.size(), prior);
        double[] p = new double[xs.size()];
        boolean[] y = new boolean[xs.size()];
        double brier = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = model.probability(xs.get(i));
            y[i] = ys.get(i);
            brier += Math.pow(p[i] - (y[i] ? 1 : 0), 2) / p.length;
        }
        double auc = Backtester.auc(p, y);
        jdbc.sql("""
                insert into insight.score_model (tenant_id, name, trained_at, outcomes, won, bias, weights, brier, auc)
                values (:t, :name, :now, :n, :won, :bias, :w, :brier, :auc)
                on conflict (tenant_id) do update set name = excluded.name, trained_at = excluded.trained_at,
                  outcomes = excluded.outcomes, won = excluded.won, bias = excluded.bias, weights = excluded.weights,
                  brier = excluded.brier, auc = excluded.auc""")
                .param("t", tenant.value()).param("name", model.name()).param("now", Timestamp.from(clock.instant()))
                .param("n", xs.size()).param("won", (int) won).param("bias", model.bias())
                .param("w", box(model.weights())).param("brier", brier).param("auc", auc).update();
        log.info("Scoring model for {} trained on {} outcomes ({} won): Brier {}, AUC {}", tenant, xs.size(), won,
                brier, auc);
        return Optional.of(model);
    }

    private static Double[] box(double[] values) {
        Double[] out = new Double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /** Logistic regression by Tribuo; its two-class softmax weights folded into one log-odds weight per factor. */
    static LearnedModel fit(List<double[]> xs, List<Boolean> ys, String name, PriorModel prior) {
        return fold(tribuo(xs, ys), name, prior);
    }

    static LinearSGDModel tribuo(List<double[]> xs, List<Boolean> ys) {
        LabelFactory factory = new LabelFactory();
        List<Example<Label>> examples = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            examples.add(new ArrayExample<>(new Label(ys.get(i) ? "won" : "lost"), NAMES, xs.get(i)));
        }
        var source = new ListDataSource<>(examples, factory, new SimpleDataSourceProvenance("lead outcomes", factory));
        var trainer = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.5, 0.1), 200, 1000, 1, 20261126L);
        return trainer.train(new MutableDataset<>(source));
    }

    static Example<Label> example(double[] x) {
        return new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, NAMES, x);
    }

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
        return new LearnedModel(name, w.get(wonRow, biasColumn) - w.get(lostRow, biasColumn), weights, prior);
    }
}
