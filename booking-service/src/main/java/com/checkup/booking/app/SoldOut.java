package com.checkup.booking.app;

import com.checkup.booking.domain.Resources;
import com.checkup.booking.domain.Slot;
import com.checkup.booking.persistence.CapacityCalendar;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import java.util.List;

/** Why a place could not be taken, in words a consumer understands (read after the fact, so only a hint). */
final class SoldOut {
    private SoldOut() {
    }

    static BusinessException explain(CapacityCalendar calendar, Slot slot, List<String> resources) {
        List<CapacityCalendar.SlotCount> rows = calendar.read(slot.hospitalId(), slot.date(), slot.date(), resources)
                .stream().filter(c -> c.period() == slot.period()).toList();
        if (rows.stream().noneMatch(c -> c.resource().equals(Resources.TOTAL))) {
            return new BusinessException(ErrorCode.SOLD_OUT, "No bookings are taken for " + slot);
        }
        for (String r : resources) {
            if (rows.stream().noneMatch(c -> c.resource().equals(r) && c.remaining() > 0)) {
                return new BusinessException(ErrorCode.SOLD_OUT, "No " + r + " place left for " + slot);
            }
        }
        return new BusinessException(ErrorCode.SOLD_OUT, "No place left for " + slot);
    }
}
