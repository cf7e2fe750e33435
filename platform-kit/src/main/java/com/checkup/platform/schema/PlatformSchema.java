package com.checkup.platform.schema;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Migrates the tables platform-kit owns inside a service's schema (outbox, processed events). They have their own
 * Flyway history table so their versions never interleave with the service's own migrations.
 */
public final class PlatformSchema {
    public static final String LOCATION = "classpath:db/platform-kit";
    public static final String HISTORY_TABLE = "platform_kit_schema_history";

    private PlatformSchema() {
    }

    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    /** Platform tables, then the service's own migrations (default history table) from the given locations. */
    public static void migrate(DataSource dataSource, String... serviceLocations) {
        migrate(dataSource);
        if (serviceLocations.length > 0) {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations(serviceLocations)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        }
    }
}
