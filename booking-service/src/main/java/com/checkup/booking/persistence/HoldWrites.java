package com.checkup.booking.persistence;

import com.checkup.booking.domain.Booking;
import com.checkup.booking.domain.Slot;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataRetrievalFailureException;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hold path's write in two round trips: one sends the new holds' insert, the conditional update taking their
 * places and the count of their consumers' unpaid holds (these included) as one multi-statement; the other commits or
 * rolls back on what came back. Done statement by statement with Spring toggling autocommit, the same write took six
 * round trips, and on a hot slot every one of them is time the slot's next batch waits (docs/benchmarks.md).
 *
 * <p>It has a small pool of its own: the only one where multi-statements are allowed (its one statement is built here
 * from constants and placeholders, never from input), with autocommit off so a transaction starts without a round trip.
 * The rest of the service keeps single statements on the main pool.
 */
@Repository
public class HoldWrites implements DisposableBean {
    /** What one attempt found: whether every place was taken, and each consumer's unpaid holds, these included. */
    public record Attempt(boolean placesTaken, Map<String, Integer> liveHolds) {
        public int liveHolds(String consumerId) {
            return liveHolds.getOrDefault(consumerId, 0);
        }
    }

    private final BookingRepository bookings;
    private final HikariDataSource pool;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public HoldWrites(DataSource main, BookingRepository bookings, ObjectProvider<MeterRegistry> meters,
                      @Value("${checkup.booking.hold-pool-size:8}") int poolSize) throws SQLException {
        if (poolSize < 1 || poolSize > 64) {
            throw new IllegalArgumentException("checkup.booking.hold-pool-size must be 1 to 64, was " + poolSize);
        }
        this.bookings = bookings;
        this.pool = new HikariDataSource(holdPool(main.unwrap(HikariDataSource.class), poolSize, meters.getIfAvailable()));
        this.jdbc = new JdbcTemplate(pool);
        // JdbcTransactionManager: a failed commit is a DataAccessException too, as a failed statement is.
        this.tx = new TransactionTemplate(new JdbcTransactionManager(pool));
    }

    /**
     * Inserts these holds of one slot, takes their places and counts their consumers' unpaid holds that have not expired
     * at {@code now}, in one transaction that commits only if {@code commit} accepts what was found (otherwise it rolls
     * back and nothing is written).
     *
     * @throws org.springframework.dao.DuplicateKeyException an idempotency key was used before (nothing written)
     */
    public Attempt write(List<Booking> holds, Instant now, Predicate<Attempt> commit) {
        Slot slot = holds.get(0).slot();
        List<List<String>> resources = holds.stream().map(Booking::resources).toList();
        Set<String> consumers = new LinkedHashSet<>();
        holds.forEach(b -> consumers.add(b.consumerId()));
        SqlStatement insert = bookings.insertStatement(holds);
        SqlStatement take = CapacityCalendar.takeAllStatement(slot, resources);
        SqlStatement count = bookings.liveHoldsStatement(consumers, now);
        List<Object> args = new ArrayList<>(insert.args().size() + take.args().size() + count.args().size());
        args.addAll(insert.args());
        args.addAll(take.args());
        args.addAll(count.args());
        String sql = insert.sql() + ";\n" + take.sql() + ";\n" + count.sql();
        int rows = CapacityCalendar.rowsOf(resources);
        return tx.execute(status -> {
            Attempt found = jdbc.execute(sql, (PreparedStatementCallback<Attempt>) ps -> {
                new ArgumentPreparedStatementSetter(args.toArray()).setValues(ps);
                ps.execute(); // the insert's count: all rows or an exception
                ps.getMoreResults();
                boolean taken = ps.getUpdateCount() == rows;
                if (!ps.getMoreResults()) {
                    throw new DataRetrievalFailureException("The hold write's third statement (the count) returned no rows");
                }
                Map<String, Integer> live = new HashMap<>();
                try (ResultSet rs = ps.getResultSet()) {
                    while (rs.next()) {
                        live.put(rs.getString(1), rs.getInt(2));
                    }
                }
                return new Attempt(taken, live);
            });
            if (!commit.test(found)) {
                status.setRollbackOnly();
            }
            return found;
        });
    }

    @Override
    public void destroy() {
        pool.close();
    }

    /** The main pool's settings, except what makes this one different (name, size, autocommit, multi-statements). */
    private static HikariConfig holdPool(HikariDataSource main, int size, MeterRegistry meters) {
        if (main.getJdbcUrl() == null && main.getDataSourceClassName() == null) {
            throw new IllegalStateException("The hold-writes pool copies the main pool's jdbcUrl or dataSourceClassName;"
                    + " the main pool has neither");
        }
        HikariConfig c = new HikariConfig();
        c.setPoolName("hold-writes");
        if (main.getJdbcUrl() != null) {
            c.setJdbcUrl(main.getJdbcUrl());
        }
        if (main.getDataSourceClassName() != null) {
            c.setDataSourceClassName(main.getDataSourceClassName());
        }
        if (main.getDriverClassName() != null) {
            c.setDriverClassName(main.getDriverClassName());
        }
        c.setUsername(main.getUsername());
        c.setPassword(main.getPassword());
        c.setCatalog(main.getCatalog());
        c.setSchema(main.getSchema());
        c.setTransactionIsolation(main.getTransactionIsolation());
        c.setConnectionInitSql(main.getConnectionInitSql());
        c.setConnectionTestQuery(main.getConnectionTestQuery());
        Properties p = new Properties();
        p.putAll(main.getDataSourceProperties()); // a copy: the main pool's stay as they are
        p.setProperty("allowMultiQueries", "true");
        p.setProperty("prepStmtCacheSqlLimit", "8192"); // a combined batch's statement is long
        c.setDataSourceProperties(p);
        c.setAutoCommit(false);
        c.setMaximumPoolSize(size);
        c.setMinimumIdle(Math.min(size, main.getMinimumIdle()));
        c.setIdleTimeout(main.getIdleTimeout());
        c.setConnectionTimeout(main.getConnectionTimeout());
        c.setValidationTimeout(main.getValidationTimeout());
        c.setMaxLifetime(main.getMaxLifetime());
        c.setKeepaliveTime(main.getKeepaliveTime());
        c.setLeakDetectionThreshold(main.getLeakDetectionThreshold());
        c.setInitializationFailTimeout(main.getInitializationFailTimeout());
        if (meters != null) {
            c.setMetricRegistry(meters); // hikaricp_connections_* {pool="hold-writes"}
        }
        return c;
    }
}
