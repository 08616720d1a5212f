package dev.ridgeline.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.ridgeline.platform.InvalidInputException;

/** The money's arithmetic, as properties over thousands of random claims, and the statuses' moves. */
class ClaimMoneyTests {

    static BigDecimal cents(long c) {
        return BigDecimal.valueOf(c, 2);
    }

    /** A consistent claim: RCV = ACV + depreciation, payments within the shares. */
    static ClaimMoney random(Random r) {
        long acv = r.nextLong(0, 5_000_000);
        long rec = r.nextLong(0, 1_000_000);
        long non = r.nextLong(0, 300_000);
        long op = r.nextInt(4) == 0 ? 0 : r.nextLong(0, 800_000);
        long ded = r.nextLong(0, 500_000);
        long sup = r.nextInt(3) == 0 ? 0 : r.nextLong(0, 400_000);
        ClaimMoney m = new ClaimMoney(cents(acv + rec + non), cents(acv), cents(rec), cents(non), cents(op), cents(ded),
                BigDecimal.ZERO, BigDecimal.ZERO, cents(sup));
        long carrierShare = m.carrierShare().movePointRight(2).longValueExact();
        long homeownerShare = m.homeownerShare().movePointRight(2).longValueExact();
        return new ClaimMoney(m.rcv(), m.acv(), m.recoverableDepreciation(), m.nonRecoverableDepreciation(),
                m.overheadAndProfit(), m.deductible(), cents(carrierShare == 0 ? 0 : r.nextLong(0, carrierShare + 1)),
                cents(homeownerShare == 0 ? 0 : r.nextLong(0, homeownerShare + 1)), m.approvedSupplements());
    }

    @Test
    void sharesAddUpToTheJobAndBalancesAreNeverNegative() {
        Random r = new Random(42);
        for (int i = 0; i < 5_000; i++) {
            ClaimMoney m = random(r).checked();
            assertThat(m.rcv()).isEqualByComparingTo(m.acv().add(m.depreciation()));
            assertThat(m.carrierShare().add(m.homeownerShare())).isEqualByComparingTo(m.jobTotal());
            assertThat(m.jobTotal()).isEqualByComparingTo(m.rcv().add(m.overheadAndProfit()).add(m.approvedSupplements()));
            assertThat(m.carrierOwes().signum()).isGreaterThanOrEqualTo(0);
            assertThat(m.homeownerOwes().signum()).isGreaterThanOrEqualTo(0);
            assertThat(m.carrierOwes().add(m.paidByCarrier())).isEqualByComparingTo(m.carrierShare());
            assertThat(m.homeownerOwes().add(m.paidByHomeowner())).isEqualByComparingTo(m.homeownerShare());
            assertThat(m.firstCheck()).isLessThanOrEqualTo(m.acv());
            // An approved supplement raises the carrier's share by exactly its amount (the homeowner's is fixed).
            ClaimMoney more = m.withSupplements(m.approvedSupplements().add(cents(12_345)));
            if (m.homeownerShare().compareTo(m.deductible().add(m.nonRecoverableDepreciation())) == 0) {
                assertThat(more.carrierShare().subtract(m.carrierShare())).isEqualByComparingTo(cents(12_345));
            }
        }
    }

    @Test
    void inconsistentAmountsAreRefusedByField() {
        Random r = new Random(7);
        for (int i = 0; i < 1_000; i++) {
            ClaimMoney m = random(r);
            ClaimMoney badRcv = new ClaimMoney(m.rcv().add(cents(1)), m.acv(), m.recoverableDepreciation(),
                    m.nonRecoverableDepreciation(), m.overheadAndProfit(), m.deductible(), m.paidByCarrier(),
                    m.paidByHomeowner(), m.approvedSupplements());
            assertThatThrownBy(badRcv::checked).isInstanceOfSatisfying(InvalidInputException.class,
                    e -> assertThat(e.fieldErrors()).containsKey("rcv"));
            ClaimMoney overpaid = new ClaimMoney(m.rcv(), m.acv(), m.recoverableDepreciation(),
                    m.nonRecoverableDepreciation(), m.overheadAndProfit(), m.deductible(),
                    m.carrierShare().add(cents(1)), m.paidByHomeowner(), m.approvedSupplements());
            assertThatThrownBy(overpaid::checked).isInstanceOfSatisfying(InvalidInputException.class,
                    e -> assertThat(e.fieldErrors()).containsKey("paidByCarrier"));
        }
        ClaimMoney negative = new ClaimMoney(cents(100), cents(100), cents(0), cents(0), cents(0), cents(-5), cents(0),
                cents(0), cents(0));
        assertThatThrownBy(negative::checked).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.fieldErrors()).containsEntry("deductible", "deductible cannot be negative ($-0.05)"));
        ClaimMoney tenths = new ClaimMoney(new BigDecimal("100.005"), new BigDecimal("100.005"), cents(0), cents(0),
                cents(0), cents(0), cents(0), cents(0), cents(0));
        assertThatThrownBy(tenths::checked).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.fieldErrors()).containsKeys("rcv", "acv"));
    }

    @Test
    void aWorkedExample() {
        // RCV 18,400 = ACV 13,900 + 3,700 recoverable + 800 non-recoverable; O&P 3,680; deductible 1,000.
        ClaimMoney m = new ClaimMoney(cents(1_840_000), cents(1_390_000), cents(370_000), cents(80_000), cents(368_000),
                cents(100_000), cents(1_290_000), cents(0), cents(45_000)).checked();
        assertThat(m.jobTotal()).isEqualByComparingTo("22530.00");
        assertThat(m.homeownerShare()).isEqualByComparingTo("1800.00");
        assertThat(m.carrierShare()).isEqualByComparingTo("20730.00");
        assertThat(m.firstCheck()).isEqualByComparingTo("12900.00");
        assertThat(m.carrierOwes()).isEqualByComparingTo("7830.00");
        assertThat(m.homeownerOwes()).isEqualByComparingTo("1800.00");
        assertThat(ClaimMoney.money(m.jobTotal())).isEqualTo("22,530.00");
    }

    @Test
    void statusMovesThatAreAllowedAndRefused() {
        assertThat(ClaimStatus.NOT_FILED.canBecome(ClaimStatus.FILED)).isTrue();
        assertThat(ClaimStatus.FILED.canBecome(ClaimStatus.INSPECTION_SCHEDULED)).isTrue();
        assertThat(ClaimStatus.DENIED.canBecome(ClaimStatus.APPEALED)).isTrue();
        assertThat(ClaimStatus.APPEALED.canBecome(ClaimStatus.APPROVED)).isTrue();
        assertThat(ClaimStatus.APPROVED.canBecome(ClaimStatus.SUPPLEMENT_PENDING)).isTrue();
        assertThat(ClaimStatus.PAID.canBecome(ClaimStatus.SUPPLEMENT_PENDING)).isTrue();
        assertThat(ClaimStatus.NOT_FILED.canBecome(ClaimStatus.PAID)).isFalse();
        assertThat(ClaimStatus.DENIED.canBecome(ClaimStatus.PAID)).isFalse();
        assertThat(ClaimStatus.FILED.canBecome(ClaimStatus.FILED)).isFalse();
        for (ClaimStatus s : ClaimStatus.values()) {
            assertThat(s.canBecome(ClaimStatus.CLOSED)).as("%s can be closed", s).isEqualTo(s != ClaimStatus.CLOSED);
            assertThat(ClaimStatus.CLOSED.canBecome(s)).as("closed stays closed").isFalse();
        }
        assertThat(ClaimStatus.DENIED.next()).containsExactly(ClaimStatus.APPEALED, ClaimStatus.CLOSED);
    }
}
