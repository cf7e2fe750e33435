package com.checkup.booking.config;

import com.checkup.booking.persistence.CampaignRepository;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class CampaignConfig {
    /**
     * Roster imports run one at a time in the background (a large roster must not hold a Dubbo thread). Imports a
     * stop interrupted are marked FAILED at the next start: uploading again is safe and finishes them.
     */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService importThreads(CampaignRepository campaigns, Clock clock) {
        // Far longer than the largest roster takes (50,000 rows, well under a minute), so only a stopped one matches.
        int failed = campaigns.failInterrupted(clock.instant().minus(java.time.Duration.ofMinutes(30)), clock.instant());
        if (failed > 0) {
            LoggerFactory.getLogger(CampaignConfig.class).warn("{} roster imports were interrupted by a stop; marked FAILED", failed);
        }
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "roster-import");
            t.setDaemon(true);
            return t;
        });
    }
}
