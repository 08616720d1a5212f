package dev.ridgeline.roof;

import java.util.Map;

/**
 * The company's repair-or-replace rules and price table, editable, with defaults from published 2025-26 cost guides
 * (reference/ROOF-ANALYSIS.md section 6): installed prices per square including tear-off, lifespans in years.
 *
 * @param replaceDamagedShare replace when findings cover at least this share of the roof
 * @param endOfLifeShare a roof at this share of its material's lifespan with any finding is replaced
 * @param regionMultiplier applied to the labour share of every price (about 60% of a job)
 * @param repairMinimum the smallest repair job, dollars
 * @param prices installed dollars per square, low and high, per material
 * @param lifespans expected years per material
 */
public record RoofRules(double replaceDamagedShare, double endOfLifeShare, double regionMultiplier, int repairMinimum,
        Map<String, int[]> prices, Map<String, Integer> lifespans) {

    public static final String DEFAULT_MATERIAL = "architectural asphalt";

    public static RoofRules defaults() {
        return new RoofRules(0.25, 0.8, 1.0, 350,
                Map.of("3-tab asphalt", new int[] {350, 500}, "architectural asphalt", new int[] {450, 700},
                        "metal", new int[] {800, 1400}, "standing-seam metal", new int[] {1200, 1800},
                        "concrete tile", new int[] {800, 1400}, "clay tile", new int[] {1000, 1800},
                        "wood shake", new int[] {800, 1400}, "slate", new int[] {1500, 3000},
                        "flat membrane", new int[] {600, 1000}),
                Map.of("3-tab asphalt", 20, "architectural asphalt", 30, "metal", 50, "standing-seam metal", 60,
                        "concrete tile", 50, "clay tile", 100, "wood shake", 30, "slate", 100, "flat membrane", 20));
    }

    public int[] price(String material) {
        return prices.getOrDefault(material, prices.get(DEFAULT_MATERIAL));
    }

    public int lifespan(String material) {
        return lifespans.getOrDefault(material, lifespans.get(DEFAULT_MATERIAL));
    }
}
