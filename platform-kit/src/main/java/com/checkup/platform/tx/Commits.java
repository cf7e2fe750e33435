package com.checkup.platform.tx;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** What must happen only once the caller's transaction has committed: waking a worker, handing a row over. */
public final class Commits {
    private Commits() {
    }

    /**
     * Runs {@code r} after the current transaction commits (never on rollback: what it would act on does not exist),
     * or at once without a transaction (what was written is committed already).
     */
    public static void afterCommit(Runnable r) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    r.run();
                }
            });
        } else {
            r.run();
        }
    }
}
