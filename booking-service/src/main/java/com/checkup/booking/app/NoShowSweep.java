package com.checkup.booking.app;

import org.springframework.stereotype.Component;

/** Day end: bookings nobody checked in become NO_SHOW once their day is over in the hospital's time zone. */
@Component
public class NoShowSweep {
    private final DeskCommands desk;

    public NoShowSweep(DeskCommands desk) {
        this.desk = desk;
    }

    /** One pass (BookingJobs runs it every ten minutes). */
    public void run() {
        desk.markNoShows();
    }
}
