package com.checkup.platform.paging;

import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a newest-first listing read by keyset: callers read {@link #readSize()} rows (one more than the page),
 * and that extra row only tells whether another page follows, without a count.
 */
public final class Keyset {
    public static final int DEFAULT_PAGE = 50;
    public static final int MAX_PAGE = 200;

    /** A page of rows and where the next one starts (null: this was the last). */
    public record Page<T>(List<T> rows, KeysetCursor next) {
        public String nextCursor() {
            return next == null ? null : next.encode();
        }
    }

    private final int size;

    private Keyset(int size) {
        this.size = size;
    }

    /** The page size asked for: {@value #DEFAULT_PAGE} when none, 1..{@value #MAX_PAGE} else VALIDATION_FAILED. */
    public static Keyset of(Integer limit) {
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw new BusinessException(ErrorCode.VALIDATION_FAILED, "limit must be between 1 and " + MAX_PAGE);
        }
        return new Keyset(size);
    }

    public int size() {
        return size;
    }

    public int readSize() {
        return size + 1;
    }

    /** The page from {@link #readSize()} rows read in order; the cursor after its last row when more follow. */
    public <T> Page<T> page(List<T> read, Function<T, Instant> sortedBy, Function<T, String> id) {
        if (read.size() <= size) {
            return new Page<>(List.copyOf(read), null);
        }
        T last = read.get(size - 1);
        return new Page<>(List.copyOf(read.subList(0, size)), new KeysetCursor(sortedBy.apply(last), id.apply(last)));
    }
}
