package dev.ridgeline.insight.internal;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import dev.ridgeline.insight.MonthlyTrend;

/**
 * Classical additive decomposition of a monthly series and a forecast from it.
 *
 * <ol>
 * <li>Trend: the centred 2x12 moving average (half weights on the two end months), defined from the 7th month to the
 * 7th from last.</li>
 * <li>Seasonal index of each calendar month: the mean of (permits - trend) over the months where the trend exists,
 * centred so the twelve indices sum to 0. Needs 24 months; with less the series is read as trend only.</li>
 * <li>Forecast h months ahead: the trend line fitted by least squares to the defined trend values, extended, plus
 * the month's seasonal index; the 95% interval is +-1.96 x the remainder's standard deviation x sqrt(1 + h / 12),
 * never below 0.</li>
 * </ol>
 */
final class SeasonalTrend {

    static final String METHOD = "additive decomposition (2x12 moving average), linear trend + seasonal index";

    private SeasonalTrend() {
    }

    static MonthlyTrend of(String area, YearMonth first, int[] permits, int horizon) {
        int n = permits.length;
        Double[] trend = new Double[n];
        for (int i = 6; i + 6 < n; i++) {
            double s = permits[i - 6] / 2.0 + permits[i + 6] / 2.0;
            for (int j = i - 5; j <= i + 5; j++) {
                s += permits[j];
            }
            trend[i] = s / 12;
        }
        double[] seasonal = new double[12];
        boolean seasonalKnown = n >= 24;
        if (seasonalKnown) {
            double[] sum = new double[12];
            int[] count = new int[12];
            for (int i = 0; i < n; i++) {
                if (trend[i] != null) {
                    int m = first.plusMonths(i).getMonthValue() - 1;
                    sum[m] += permits[i] - trend[i];
                    count[m]++;
                }
            }
            double mean = 0;
            for (int m = 0; m < 12; m++) {
                seasonal[m] = count[m] == 0 ? 0 : sum[m] / count[m];
                mean += seasonal[m] / 12;
            }
            for (int m = 0; m < 12; m++) {
                seasonal[m] -= mean;
            }
        }
        // Least-squares line through the defined trend values (or the raw series when none is defined).
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int k = 0;
        for (int i = 0; i < n; i++) {
            double y = trend[i] != null ? trend[i] : hasTrend(trend) ? Double.NaN : permits[i];
            if (!Double.isNaN(y)) {
                sx += i;
                sy += y;
                sxx += (double) i * i;
                sxy += i * y;
                k++;
            }
        }
        double slope = k < 2 || k * sxx - sx * sx == 0 ? 0 : (k * sxy - sx * sy) / (k * sxx - sx * sx);
        double intercept = k == 0 ? 0 : (sy - slope * sx) / k;
        double sq = 0;
        int r = 0;
        for (int i = 0; i < n; i++) {
            double fitted = intercept + slope * i + seasonal[first.plusMonths(i).getMonthValue() - 1];
            sq += (permits[i] - fitted) * (permits[i] - fitted);
            r++;
        }
        double sd = r > 1 ? Math.sqrt(sq / (r - 1)) : 0;
        List<MonthlyTrend.Month> months = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            months.add(new MonthlyTrend.Month(first.plusMonths(i), permits[i], trend[i]));
        }
        List<MonthlyTrend.Forecast> forecast = new ArrayList<>();
        for (int h = 1; h <= horizon; h++) {
            YearMonth month = first.plusMonths(n - 1 + h);
            double value = Math.max(0, intercept + slope * (n - 1 + h) + seasonal[month.getMonthValue() - 1]);
            double half = 1.96 * sd * Math.sqrt(1 + h / 12.0);
            forecast.add(new MonthlyTrend.Forecast(month, value, Math.max(0, value - half), value + half));
        }
        List<Double> indices = new ArrayList<>();
        if (seasonalKnown) {
            for (double v : seasonal) {
                indices.add(v);
            }
        }
        return new MonthlyTrend(area, months, indices, forecast, METHOD);
    }

    private static boolean hasTrend(Double[] trend) {
        for (Double t : trend) {
            if (t != null) {
                return true;
            }
        }
        return false;
    }
}
