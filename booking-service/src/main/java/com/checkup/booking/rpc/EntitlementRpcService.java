package com.checkup.booking.rpc;

import com.checkup.booking.app.CampaignCommands;
import com.checkup.booking.app.EntitlementBookings;
import com.checkup.contracts.booking.BookingView;
import com.checkup.contracts.campaign.EntitlementService;
import com.checkup.contracts.campaign.EntitlementView;
import com.checkup.platform.privacy.Masking;
import org.apache.dubbo.config.annotation.DubboService;

/** Dubbo adapter of booking with an entitlement code. */
@DubboService
public class EntitlementRpcService implements EntitlementService {
    private final EntitlementBookings entitlements;

    public EntitlementRpcService(EntitlementBookings entitlements) {
        this.entitlements = entitlements;
    }

    @Override
    public EntitlementView entitlement(String code) {
        EntitlementBookings.Found f = entitlements.entitlement(code);
        EntitlementView v = new EntitlementView();
        v.setCode(f.entitlement().code());
        v.setCampaignName(f.campaign().name());
        v.setHospitalId(f.campaign().hospitalId());
        v.setPackageId(f.entitlement().packageId());
        v.setExamineeName(Masking.name(f.entitlement().name()));
        v.setStartDate(f.campaign().startDate().toString());
        v.setEndDate(f.campaign().endDate().toString());
        v.setStatus(f.booking() == null ? "NOT_BOOKED" : CampaignCommands.attendance(f.booking().status().name()));
        v.setBookingId(f.booking() == null ? null : f.booking().id());
        return v;
    }

    @Override
    public BookingView book(String code, String date, String period) {
        return BookingRpcService.view(entitlements.book(code, date, period));
    }
}
