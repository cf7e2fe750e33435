package com.checkup.message.rpc;

import com.checkup.contracts.booking.BookingService;
import com.checkup.contracts.booking.HospitalView;
import com.checkup.contracts.booking.PackageView;
import com.checkup.message.app.Catalogue;
import java.util.HashMap;
import java.util.Map;
import org.apache.dubbo.config.annotation.DubboReference;
import org.springframework.stereotype.Component;

/** The catalogue's names from booking-service (read-only, open to any caller), one short call each. */
@Component
public class BookingCatalogue implements Catalogue {
    @DubboReference(check = false, timeout = 1000, retries = 0)
    private BookingService bookings;

    @Override
    public Map<String, String> hospitals() {
        Map<String, String> out = new HashMap<>();
        for (HospitalView h : bookings.hospitals()) {
            if (h.getHospitalId() != null && h.getName() != null) {
                out.put(h.getHospitalId(), h.getName());
            }
        }
        return out;
    }

    @Override
    public Map<String, String> packages(String hospitalId) {
        Map<String, String> out = new HashMap<>();
        for (PackageView p : bookings.packages(hospitalId)) {
            if (p.getPackageId() != null && p.getName() != null) {
                out.put(p.getPackageId(), p.getName());
            }
        }
        return out;
    }
}
