package dev.ridgeline.insight.internal;

import java.util.List;

import org.tribuo.MutableDataset;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.clustering.hdbscan.HdbscanTrainer;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.math.neighbour.NeighboursQueryFactoryType;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * HDBSCAN (Campello, Moulavi and Sander, 2013) over latitude/longitude points, by Tribuo's implementation. Tribuo
 * measures Euclidean distance, so points are first projected onto a plane tangent at their mean latitude (miles
 * east and north of it): within a metro area of 100 miles the distances differ from great-circle ones by well under
 * 1%, and HDBSCAN's result depends on the order of distances, which the projection keeps there.
 */
final class Hdbscan {

    /** Statute miles per degree of latitude on the 3,958.7613-mile sphere. */
    private static final double MILES_PER_DEGREE = 3958.7613 * Math.PI / 180;

    /** Cluster of each point (-1 for noise, else 0..clusters-1) and how many clusters. */
    record Result(int[] labels, int clusters) {
    }

    private Hdbscan() {
    }

    static Result run(double[] lat, double[] lon, int n, int minClusterSize) {
        if (n < minClusterSize || n < 2) {
            int[] noise = new int[n];
            java.util.Arrays.fill(noise, -1);
            return new Result(noise, 0);
        }
        double lat0 = 0;
        for (int i = 0; i < n; i++) {
            lat0 += lat[i] / n;
        }
        double lon0 = lon[0];
        double cos = Math.cos(Math.toRadians(lat0));
        ClusteringFactory factory = new ClusteringFactory();
        var examples = new java.util.ArrayList<org.tribuo.Example<ClusterID>>(n);
        String[] names = {"east", "north"};
        for (int i = 0; i < n; i++) {
            examples.add(new ArrayExample<>(ClusteringFactory.UNASSIGNED_CLUSTER_ID, names,
                    new double[] {(lon[i] - lon0) * cos * MILES_PER_DEGREE, (lat[i] - lat0) * MILES_PER_DEGREE}));
        }
        var source = new ListDataSource<>(examples, factory, new SimpleDataSourceProvenance("roofing permits", factory));
        var trainer = new HdbscanTrainer(minClusterSize, new L2Distance(), minClusterSize, 1,
                NeighboursQueryFactoryType.KD_TREE);
        List<Integer> labels = trainer.train(new MutableDataset<>(source)).getClusterLabels();
        // Tribuo numbers clusters with arbitrary positive ids and noise 0: renumber in order of first appearance.
        java.util.Map<Integer, Integer> ids = new java.util.HashMap<>();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int label = labels.get(i);
            out[i] = label == 0 ? -1 : ids.computeIfAbsent(label, l -> ids.size());
        }
        return new Result(out, ids.size());
    }
}
