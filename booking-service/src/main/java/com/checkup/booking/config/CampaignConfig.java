package com.checkup.booking.config;

import com.checkup.booking.persistence.RosterImportRepository;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class CampaignConfig {
    /**
     * Roster imports run one at a time in the background (a large roster must not hold a Dubbo thread). Imports a
     * stop interrupted are marked FAILED at the next start: uploading again is safe and finishes them.
     */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService importThreads(RosterImportRepository imports, Clock clock,
                                  @Value("${checkup.booking.roster-import-queue:4}") int queue) {
        // Far longer than the largest roster takes (50,000 rows, well under a minute), so only a stopped one matches.
        int failed = imports.failInterrupted(clock.instant().minus(java.time.Duration.ofMinutes(30)), clock.instant());
        if (failed > 0) {
            LoggerFactory.getLogger(CampaignConfig.class).warn("{} roster imports were interrupted by a stop; marked FAILED", failed);
        }
        // One import at a time, a few waiting: each waiting import holds its file (up to 8 MB) in memory.
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, "roster-import");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    }
}
