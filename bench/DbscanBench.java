import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import elki.clustering.dbscan.DBSCAN;
import elki.data.Cluster;
import elki.data.Clustering;
import elki.data.NumberVector;
import elki.data.model.Model;
import elki.data.type.TypeUtil;
import elki.database.StaticArrayDatabase;
import elki.database.ids.DBIDIter;
import elki.database.ids.DBIDRange;
import elki.database.relation.Relation;
import elki.datasource.ArrayAdapterDatabaseConnection;
import elki.distance.geo.LatLngDistance;
import elki.index.Index;
import elki.index.tree.spatial.rstarvariants.RTreeSettings;
import elki.index.tree.spatial.rstarvariants.rstar.RStarTreeFactory;
import elki.index.tree.spatial.rstarvariants.strategies.bulk.SortTileRecursiveBulkSplit;
import elki.math.geodesy.SphericalHaversineEarthModel;
import elki.persistent.MemoryPageFileFactory;
import elki.result.Metadata;

/**
 * DBSCAN over N synthetic roofing permits (a metro area of about 100 x 100 km around Nashville, permits bunched in
 * neighbourhoods a few hundred metres across, plus scattered ones): Ridgeline's own Dbscan (a grid of cells in
 * degrees plus haversine) against ELKI 0.8.0's DBSCAN on an R*-tree with its great-circle distance, on the same
 * points in the same order. The two must give identical clusters: both visit points in input order and expand each
 * cluster completely before the next, so even border points reachable from two clusters land alike.
 *
 * <p>ELKI's distance is in metres on a sphere of 6,371,009 m, Ridgeline's in statute miles on a sphere of
 * 3,958.7613 miles (6,370,997 m), so ELKI gets eps scaled by the ratio of the radii: the same angle, the same
 * neighbourhoods. ELKI's time counts building its R*-tree (Ridgeline's counts building its grid), not the copy of
 * the arrays into ELKI's database.
 *   java -cp <app classpath>:<ELKI jars> bench/DbscanBench.java [points] [epsMiles] [minPoints]
 */
public class DbscanBench {

    static final double RIDGELINE_RADIUS_MILES = 3958.7613;
    /**
     * R*-tree page size in bytes and Sort-Tile-Recursive bulk loading: of 256 to 4000 bytes (ELKI's default 4000), with
     * and without bulk loading, the fastest total for ELKI on this data. -Dbench.pageSize, -Dbench.noBulkLoad=true.
     */
    static final int PAGE_SIZE = Integer.getInteger("bench.pageSize", 512);
    static final boolean BULK_LOAD = !Boolean.getBoolean("bench.noBulkLoad");
    static final int WARMUPS = 2;
    static final int RUNS = 5;

    record Labels(int[] labels, int clusters, long indexNanos) {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        double eps = args.length > 1 ? Double.parseDouble(args[1]) : 0.15;
        int minPoints = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        double[] lat = new double[n];
        double[] lon = new double[n];
        generate(lat, lon, n);

        Method run = Class.forName("dev.ridgeline.insight.internal.Dbscan")
                .getDeclaredMethod("run", double[].class, double[].class, int.class, double.class, int.class);
        run.setAccessible(true);
        Class<?> resultType = Class.forName("dev.ridgeline.insight.internal.Dbscan$Result");
        Method labelsOf = resultType.getDeclaredMethod("labels");
        Method clustersOf = resultType.getDeclaredMethod("clusters");
        labelsOf.setAccessible(true);
        clustersOf.setAccessible(true);

        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[] {lat[i], lon[i]};
        }
        double epsMetres = eps / RIDGELINE_RADIUS_MILES * SphericalHaversineEarthModel.EARTH_RADIUS;

        long[] ours = new long[RUNS];
        long[] elki = new long[RUNS];
        long[] elkiIndex = new long[RUNS];
        Labels r = null;
        Labels e = null;
        for (int round = 0; round < WARMUPS + RUNS; round++) {
            // Alternate which goes first, so neither always runs on the other's garbage.
            for (int k = 0; k < 2; k++) {
                System.gc();
                if ((round + k) % 2 == 0) {
                    long t0 = System.nanoTime();
                    Object result = run.invoke(null, lat, lon, n, eps, minPoints);
                    long t = System.nanoTime() - t0;
                    r = new Labels((int[]) labelsOf.invoke(result), (int) clustersOf.invoke(result), 0);
                    if (round >= WARMUPS) {
                        ours[round - WARMUPS] = t;
                    }
                } else {
                    long[] t = new long[1];
                    e = elki(rows, epsMetres, minPoints, t);
                    if (round >= WARMUPS) {
                        elki[round - WARMUPS] = t[0];
                        elkiIndex[round - WARMUPS] = e.indexNanos();
                    }
                }
            }
        }

        int[] a = canonical(r.labels());
        int[] b = canonical(e.labels());
        int differ = 0;
        int noise = 0;
        int noiseElki = 0;
        for (int i = 0; i < n; i++) {
            differ += a[i] != b[i] ? 1 : 0;
            noise += a[i] < 0 ? 1 : 0;
            noiseElki += b[i] < 0 ? 1 : 0;
        }
        boolean identical = differ == 0 && r.clusters() == e.clusters();

        System.out.printf("%nDBSCAN, %,d permits, eps %s miles, minPts %d, %d warm-up + %d timed runs each (median)%n%n",
                n, eps, minPoints, WARMUPS, RUNS);
        System.out.printf("| %-52s | %9s | %8s | %8s |%n", "implementation", "median ms", "clusters", "noise");
        System.out.printf("|%s|%s|%s|%s|%n", "-".repeat(54), "-".repeat(11), "-".repeat(10), "-".repeat(10));
        System.out.printf("| %-52s | %9.1f | %8d | %8d |%n",
                "ELKI 0.8.0 DBSCAN, R*-tree + LatLngDistance (total)", median(elki), e.clusters(), noiseElki);
        System.out.printf("| %-52s | %9.1f | %8s | %8s |%n",
                "  of which building the R*-tree (" + (BULK_LOAD ? "STR" : "inserts") + ", " + PAGE_SIZE + " B pages)",
                median(elkiIndex), "", "");
        System.out.printf("| %-52s | %9.1f | %8d | %8d |%n",
                "Ridgeline Dbscan, degree grid + haversine", median(ours), r.clusters(), noise);
        System.out.printf("%nClusters identical: %s%s%n", identical ? "yes" : "NO",
                identical ? "" : " (" + differ + " of " + n + " points differ)");
        System.out.printf("Identical: %s; Ridgeline/ELKI time ratio %.2f (goal <= 1.0)%n", identical ? "yes" : "no",
                median(ours) / median(elki));
    }

    /** ELKI on the points in input order (so DBID offsets are input indices); times index build plus DBSCAN. */
    static Labels elki(double[][] rows, double epsMetres, int minPoints, long[] nanos) {
        StaticArrayDatabase db = new StaticArrayDatabase(new ArrayAdapterDatabaseConnection(rows), List.of());
        db.initialize();
        Relation<NumberVector> relation = db.getRelation(TypeUtil.NUMBER_VECTOR_FIELD);
        RTreeSettings settings = BULK_LOAD ? new RTreeSettings(SortTileRecursiveBulkSplit.STATIC) : new RTreeSettings();
        RStarTreeFactory<NumberVector> factory = new RStarTreeFactory<>(new MemoryPageFileFactory<>(PAGE_SIZE), settings);
        long t0 = System.nanoTime();
        // What StaticArrayDatabase does with an index factory, done here so that only the tree is timed.
        Index index = factory.instantiate(relation);
        index.initialize();
        Metadata.hierarchyOf(relation).addChild(index);
        long t1 = System.nanoTime();
        Clustering<Model> clustering = new DBSCAN<NumberVector>(
                new LatLngDistance(SphericalHaversineEarthModel.STATIC), epsMetres, minPoints).run(relation);
        nanos[0] = System.nanoTime() - t0;

        DBIDRange ids = (DBIDRange) relation.getDBIDs();
        int[] labels = new int[ids.size()];
        Arrays.fill(labels, -1);
        int clusters = 0;
        for (Cluster<Model> cluster : clustering.getAllClusters()) {
            if (cluster.isNoise()) {
                continue;
            }
            for (DBIDIter it = cluster.getIDs().iter(); it.valid(); it.advance()) {
                labels[ids.getOffset(it)] = clusters;
            }
            clusters++;
        }
        return new Labels(labels, clusters, t1 - t0);
    }

    /** Each point's cluster named by the cluster's smallest member index (noise -1), so numbering drops out. */
    static int[] canonical(int[] labels) {
        int max = Arrays.stream(labels).max().orElse(-1);
        int[] first = new int[max + 1];
        Arrays.fill(first, -1);
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            int l = labels[i];
            if (l < 0) {
                out[i] = -1;
                continue;
            }
            if (first[l] < 0) {
                first[l] = i;
            }
            out[i] = first[l];
        }
        return out;
    }

    /**
     * Permits over a metro area of about 100 x 100 km around 36.16 N, -86.78 W: 80% in 500 neighbourhoods (Gaussian,
     * 80 to 300 m across one standard deviation, some busier than others, as after a hail storm), 20% scattered.
     */
    static void generate(double[] lat, double[] lon, int n) {
        Random r = new Random(20261126);
        double kmLat = 1 / 110.9;
        double kmLon = 1 / (111.32 * Math.cos(Math.toRadians(36.16)));
        int hoods = 500;
        double[][] centres = new double[hoods][];
        double[] weight = new double[hoods];
        double total = 0;
        for (int i = 0; i < hoods; i++) {
            double sigmaKm = 0.08 + r.nextDouble() * 0.22;
            centres[i] = new double[] {36.16 + (r.nextDouble() - 0.5) * 90 * kmLat,
                    -86.78 + (r.nextDouble() - 0.5) * 90 * kmLon, sigmaKm};
            weight[i] = total += 0.2 + r.nextDouble() * r.nextDouble() * 3;
        }
        for (int i = 0; i < n; i++) {
            if (r.nextDouble() < 0.8) {
                int h = Arrays.binarySearch(weight, r.nextDouble() * total);
                double[] c = centres[h < 0 ? -h - 1 : h];
                lat[i] = c[0] + r.nextGaussian() * c[2] * kmLat;
                lon[i] = c[1] + r.nextGaussian() * c[2] * kmLon;
            } else {
                lat[i] = 36.16 + (r.nextDouble() - 0.5) * 100 * kmLat;
                lon[i] = -86.78 + (r.nextDouble() - 0.5) * 100 * kmLon;
            }
        }
    }

    static double median(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s[s.length / 2] / 1e6;
    }
}
