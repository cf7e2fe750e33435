package com.checkup.platform.work;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Durable work that is claimed for a while: whoever claims an item has it alone until it finishes or the lease ends. */
public interface WorkQueue<T> {
    /** Claims up to {@code limit} items due at {@code now}, each for {@code lease}; none when nothing is due. */
    List<Lease<T>> claim(Instant now, int limit, Duration lease);

    /**
     * Called with the loop's wake-up: a queue that knows when work is added in this process (see
     * {@link LeaseTable#workAdded}) runs it then, so that work is taken up at once rather than at the next poll.
     */
    default void whenWorkAdded(Runnable wakeUp) {
    }
}
