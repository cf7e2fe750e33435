package com.checkup.booking.rpc;

import com.checkup.booking.app.DeskCommands;
import com.checkup.contracts.booking.BookingView;
import com.checkup.contracts.booking.HospitalFeed;
import org.apache.dubbo.config.annotation.DubboService;

/** Dubbo adapter of what hospitals' systems report back (through hospital-sync-service). */
@DubboService
public class HospitalFeedRpcService implements HospitalFeed {
    private final DeskCommands desk;

    public HospitalFeedRpcService(DeskCommands desk) {
        this.desk = desk;
    }

    @Override
    public BookingView checkedIn(String bookingId) {
        return BookingRpcService.view(desk.checkedInAtHospital(bookingId));
    }
}
