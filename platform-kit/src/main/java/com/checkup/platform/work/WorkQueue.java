package com.checkup.platform.work;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Durable work that is claimed for a while: whoever claims an item has it alone until it finishes or the lease ends. */
public interface WorkQueue<T> {
    /** Claims up to {@code limit} items due at {@code now}, each for {@code lease}; none when nothing is due. */
    List<Lease<T>> claim(Instant now, int limit, Duration lease);
}
