package com.checkup.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.checkup.contracts.order.OrderStatus;
import com.checkup.contracts.order.OrderView;
import com.checkup.contracts.payment.PaymentStatus;
import com.checkup.contracts.payment.PaymentView;
import com.checkup.payment.app.Reconciliation;
import com.checkup.payment.config.PaymentJobs;
import com.checkup.platform.embedded.Acting;
import com.checkup.platform.embedded.ActingAsPlatform;
import com.checkup.platform.embedded.EmbeddedInfraExtension;
import com.checkup.platform.embedded.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Payments whose order disagrees are found and repaired through the normal state machines. */
@ExtendWith({EmbeddedInfraExtension.class, ActingAsPlatform.class})
class PaymentReconciliationIT {
    private static PaymentServiceFixture f;

    @BeforeAll
    static void start(TestInfrastructure infra) throws Exception {
        // No grace period and no scheduled runs: the test decides when reconciliation runs. Pages of two payments, so
        // every pass turns pages.
        f = new PaymentServiceFixture(infra, "payment_reconcile_it",
                "--checkup.payment.reconciliation.grace=0s", "--checkup.payment.reconciliation.interval=1h",
                "--checkup.payment.reconciliation.full-first=1h", "--checkup.payment.reconciliation.page=2");
    }

    @AfterAll
    static void stop() {
        if (f != null) {
            f.close();
        }
    }

    private PaymentView paid(OrderView o) {
        PaymentView p = f.payments.get().pay(o.getOrderId(), "SIMULATED");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Acting.asPlatform(() -> f.payments.get().get(p.getPaymentId())).getStatus() == PaymentStatus.SUCCEEDED);
        return p;
    }

    @Test
    void repairsEachKindOfDisagreementOnceAndLeavesConsistentPairsAlone() {
        Reconciliation reconciliation = f.service.getBean(Reconciliation.class);

        // 1. Consistent: the order is PAID by this payment.
        OrderView consistent = f.order(10_000, OrderStatus.CREATED);
        PaymentView p1 = paid(consistent);
        consistent.setStatus(OrderStatus.PAID);
        consistent.setPaymentId(p1.getPaymentId());

        // 2. The order never saw the payment (still CREATED): announce it again.
        OrderView missed = f.order(20_000, OrderStatus.CREATED);
        paid(missed);

        // 3. The order was closed (hold expired) while the money came in: give it back.
        OrderView closed = f.order(30_000, OrderStatus.CREATED);
        PaymentView p3 = paid(closed);
        closed.setStatus(OrderStatus.CLOSED);

        Reconciliation.Report r = reconciliation.run();
        assertThat(r.checked()).as("these three, and any other test's (all consistent by now)").isGreaterThanOrEqualTo(3);
        assertThat(r.reannounced()).isEqualTo(1);
        assertThat(r.refundsAsked()).isEqualTo(1);
        assertThat(r.unresolved()).isZero();

        assertThat(f.events("payment.succeeded", consistent.getOrderId())).isEqualTo(1);
        assertThat(f.events("payment.succeeded", missed.getOrderId())).isEqualTo(2);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Acting.asPlatform(() -> f.payments.get().get(p3.getPaymentId())).getStatus() == PaymentStatus.REFUNDED);
        assertThat(f.events("payment.refunded", closed.getOrderId())).isEqualTo(1);

        // Once the orders agree, a second run changes nothing.
        missed.setStatus(OrderStatus.PAID);
        missed.setPaymentId(f.db.queryForObject("SELECT id FROM payments WHERE order_id = ?", String.class, missed.getOrderId()));
        Reconciliation.Report again = reconciliation.run();
        assertThat(again.reannounced()).isZero();
        assertThat(again.refundsAsked()).isZero();
    }

    @Test
    void paymentsChangedInTheSameMillisecondAcrossAPageBoundaryAreAllChecked() {
        Reconciliation reconciliation = f.service.getBean(Reconciliation.class);
        List<OrderView> missed = new java.util.ArrayList<>();
        List<PaymentView> paid = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            OrderView o = f.order(60_000 + i, OrderStatus.CREATED);
            missed.add(o);
            paid.add(paid(o));
        }
        // The oldest rows of the window, all three at one instant: the first page ends between two of them.
        // (one statement: UTC_TIMESTAMP is the same for every row it updates)
        f.db.update("UPDATE payments SET updated_at = UTC_TIMESTAMP(3) - INTERVAL 30 MINUTE WHERE id IN (?, ?, ?)",
                paid.get(0).getPaymentId(), paid.get(1).getPaymentId(), paid.get(2).getPaymentId());
        reconciliation.run();
        for (int i = 0; i < 3; i++) {
            assertThat(f.events("payment.succeeded", missed.get(i).getOrderId())).as("order " + i).isEqualTo(2);
            missed.get(i).setStatus(OrderStatus.PAID);
            missed.get(i).setPaymentId(paid.get(i).getPaymentId());
        }
    }

    @Test
    void theFrequentPassLooksAtTheLastHourTheDailyOneAtTheWeek() {
        Reconciliation reconciliation = f.service.getBean(Reconciliation.class);
        OrderView missed = f.order(50_000, OrderStatus.CREATED);
        PaymentView p = paid(missed);
        // Settled three hours ago: out of the frequent pass's reach, within the daily one's.
        f.db.update("UPDATE payments SET updated_at = DATE_SUB(updated_at, INTERVAL 3 HOUR) WHERE id = ?", p.getPaymentId());
        int before = f.events("payment.succeeded", missed.getOrderId());
        reconciliation.run();
        assertThat(f.events("payment.succeeded", missed.getOrderId())).isEqualTo(before);
        Reconciliation.Report full = reconciliation.runFull();
        assertThat(full.reannounced()).isGreaterThanOrEqualTo(1);
        assertThat(f.events("payment.succeeded", missed.getOrderId())).isEqualTo(before + 1);
        missed.setStatus(OrderStatus.PAID);
        missed.setPaymentId(p.getPaymentId());
    }

    @Test
    void theScheduledJobRefundsAsPaymentServiceWithNoCallerOfItsOwn() throws Exception {
        OrderView closed = f.order(40_000, OrderStatus.CREATED);
        PaymentView p = paid(closed);
        closed.setStatus(OrderStatus.CLOSED);

        // The scheduler's thread has no caller bound (this test's thread acts as the platform): run the job on one.
        PaymentJobs jobs = f.service.getBean(PaymentJobs.class);
        var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        Thread scheduler = new Thread(() -> {
            try {
                jobs.reconcile();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        scheduler.start();
        scheduler.join(30_000);
        assertThat(failure.get()).isNull();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Acting.asPlatform(() -> f.payments.get().get(p.getPaymentId())).getStatus() == PaymentStatus.REFUNDED);
        assertThat(f.events("payment.refunded", closed.getOrderId())).isEqualTo(1);
    }
}
