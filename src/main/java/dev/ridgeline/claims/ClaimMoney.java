package dev.ridgeline.claims;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.ridgeline.platform.InvalidInputException;

/**
 * A claim's money, in dollars and cents. The carrier's estimate: the replacement cost value (RCV) is the actual cash
 * value (ACV) plus depreciation, part of it recoverable (paid once the work is done) and part not; overhead and profit
 * (O&P) and approved supplements come on top; the deductible is the homeowner's. So:
 * <ul>
 * <li>job total = RCV + O&P + approved supplements;</li>
 * <li>the homeowner's share = deductible + non-recoverable depreciation; the carrier's = the rest;</li>
 * <li>what each still owes = its share less what it has paid, never below zero: paying more than one's share is
 * refused as an error to correct, not shown as a negative balance.</li>
 * </ul>
 * Every amount is zero or more with at most two decimals; RCV must equal ACV + depreciation to the cent.
 */
public record ClaimMoney(BigDecimal rcv, BigDecimal acv, BigDecimal recoverableDepreciation,
        BigDecimal nonRecoverableDepreciation, BigDecimal overheadAndProfit, BigDecimal deductible,
        BigDecimal paidByCarrier, BigDecimal paidByHomeowner, BigDecimal approvedSupplements) {

    public static final ClaimMoney NONE = new ClaimMoney(z(), z(), z(), z(), z(), z(), z(), z(), z());

    private static BigDecimal z() {
        return BigDecimal.ZERO.setScale(2);
    }

    public BigDecimal depreciation() {
        return recoverableDepreciation.add(nonRecoverableDepreciation);
    }

    public BigDecimal jobTotal() {
        return rcv.add(overheadAndProfit).add(approvedSupplements);
    }

    public BigDecimal homeownerShare() {
        return deductible.add(nonRecoverableDepreciation).min(jobTotal());
    }

    public BigDecimal carrierShare() {
        return jobTotal().subtract(homeownerShare());
    }

    public BigDecimal carrierOwes() {
        return carrierShare().subtract(paidByCarrier).max(BigDecimal.ZERO);
    }

    public BigDecimal homeownerOwes() {
        return homeownerShare().subtract(paidByHomeowner).max(BigDecimal.ZERO);
    }

    /** The first check a carrier usually sends: ACV less the deductible. */
    public BigDecimal firstCheck() {
        return acv.subtract(deductible).max(BigDecimal.ZERO);
    }

    /** The same amounts with the approved supplements put at {@code total}. */
    public ClaimMoney withSupplements(BigDecimal total) {
        return new ClaimMoney(rcv, acv, recoverableDepreciation, nonRecoverableDepreciation, overheadAndProfit,
                deductible, paidByCarrier, paidByHomeowner, total.setScale(2, RoundingMode.UNNECESSARY));
    }

    /** The same amounts, or every problem named by field. */
    public ClaimMoney checked() {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, BigDecimal> all = new LinkedHashMap<>();
        all.put("rcv", rcv);
        all.put("acv", acv);
        all.put("recoverableDepreciation", recoverableDepreciation);
        all.put("nonRecoverableDepreciation", nonRecoverableDepreciation);
        all.put("overheadAndProfit", overheadAndProfit);
        all.put("deductible", deductible);
        all.put("paidByCarrier", paidByCarrier);
        all.put("paidByHomeowner", paidByHomeowner);
        all.forEach((field, v) -> {
            if (v == null) {
                errors.put(field, field + " is missing");
            } else if (v.signum() < 0) {
                errors.put(field, field + " cannot be negative ($" + v.toPlainString() + ")");
            } else if (v.stripTrailingZeros().scale() > 2) {
                errors.put(field, field + " has more than cents ($" + v.toPlainString() + ")");
            }
        });
        if (errors.isEmpty()) {
            if (rcv.compareTo(acv.add(depreciation())) != 0) {
                errors.put("rcv", "RCV $" + money(rcv) + " must equal ACV $" + money(acv) + " plus depreciation $"
                        + money(depreciation()) + " (= $" + money(acv.add(depreciation())) + ")");
            }
            if (paidByCarrier.compareTo(carrierShare()) > 0) {
                errors.put("paidByCarrier", "the carrier paid $" + money(paidByCarrier) + ", more than its share of $"
                        + money(carrierShare()));
            }
            if (paidByHomeowner.compareTo(homeownerShare()) > 0) {
                errors.put("paidByHomeowner", "the homeowner paid $" + money(paidByHomeowner)
                        + ", more than their share of $" + money(homeownerShare()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new ClaimMoney(s(rcv), s(acv), s(recoverableDepreciation), s(nonRecoverableDepreciation),
                s(overheadAndProfit), s(deductible), s(paidByCarrier), s(paidByHomeowner), s(approvedSupplements));
    }

    private static BigDecimal s(BigDecimal v) {
        return v.setScale(2, RoundingMode.UNNECESSARY);
    }

    /** "12,345.60" */
    public static String money(BigDecimal v) {
        return String.format(java.util.Locale.US, "%,.2f", v);
    }
}
