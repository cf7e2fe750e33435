package com.checkup.booking.app;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Day end: bookings nobody checked in become NO_SHOW once their day is over in the hospital's time zone. */
@Component
public class NoShowSweep {
    private final DeskCommands desk;

    public NoShowSweep(DeskCommands desk) {
        this.desk = desk;
    }

    @Scheduled(initialDelayString = "${checkup.booking.no-show-sweep.interval:10m}",
            fixedDelayString = "${checkup.booking.no-show-sweep.interval:10m}")
    public void run() {
        desk.markNoShows();
    }
}
