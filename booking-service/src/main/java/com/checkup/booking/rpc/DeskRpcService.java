package com.checkup.booking.rpc;

import com.checkup.booking.app.DeskCommands;
import com.checkup.booking.persistence.CapacityCalendar;
import com.checkup.contracts.booking.BookingView;
import com.checkup.contracts.booking.CapacityChange;
import com.checkup.contracts.booking.CapacityView;
import com.checkup.contracts.booking.DeskService;
import com.checkup.contracts.booking.HospitalView;
import java.util.List;
import org.apache.dubbo.config.annotation.DubboService;

/** Dubbo adapter of the desk's use cases. */
@DubboService
public class DeskRpcService implements DeskService {
    private final DeskCommands desk;

    public DeskRpcService(DeskCommands desk) {
        this.desk = desk;
    }

    @Override
    public HospitalView hospital() {
        return BookingRpcService.view(desk.hospital());
    }

    @Override
    public List<BookingView> arrivals(String date) {
        return desk.arrivals(date).stream().map(BookingRpcService::view).toList();
    }

    @Override
    public BookingView booking(String bookingIdOrCode) {
        return BookingRpcService.view(desk.booking(bookingIdOrCode));
    }

    @Override
    public BookingView checkIn(String bookingId) {
        return BookingRpcService.view(desk.checkIn(bookingId));
    }

    @Override
    public List<CapacityView> capacity(String date) {
        return desk.capacity(date).stream().map(DeskRpcService::view).toList();
    }

    @Override
    public List<CapacityView> setCapacity(CapacityChange change) {
        return desk.setCapacity(change).stream().map(DeskRpcService::view).toList();
    }

    private static CapacityView view(CapacityCalendar.SlotCount c) {
        CapacityView v = new CapacityView();
        v.setDate(c.date().toString());
        v.setPeriod(c.period().name());
        v.setResource(c.resource());
        v.setTotal(c.total());
        v.setUsed(c.used());
        return v;
    }
}
