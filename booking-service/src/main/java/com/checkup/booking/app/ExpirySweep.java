package com.checkup.booking.app;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** What makes hold expiry certain: the reminders make it punctual, this expires holds overdue by more than the grace. */
@Component
public class ExpirySweep {
    private final BookingCommands commands;
    private final Duration grace;

    public ExpirySweep(BookingCommands commands, @Value("${checkup.booking.expiry-sweep.grace:60s}") Duration grace) {
        this.commands = commands;
        this.grace = grace;
    }

    @Scheduled(initialDelayString = "${checkup.booking.expiry-sweep.interval:60s}",
            fixedDelayString = "${checkup.booking.expiry-sweep.interval:60s}")
    public void run() {
        commands.sweepOverdueHolds(grace);
    }
}
