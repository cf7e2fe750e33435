package com.checkup.sync.rpc;

import com.checkup.sync.app.FulfillmentTasks;
import com.checkup.contracts.fulfillment.FulfillmentService;
import com.checkup.contracts.fulfillment.OpenTaskRequest;
import com.checkup.contracts.fulfillment.TaskView;
import org.apache.dubbo.config.annotation.DubboReference;
import org.springframework.stereotype.Component;

/** fulfillment-service over Dubbo: hands work to people. Opening is idempotent on the key, so a retry is safe. */
@Component
public class FulfillmentClient implements FulfillmentTasks {
    @DubboReference(check = false, timeout = 3000, retries = 1)
    private FulfillmentService fulfillment;

    public String openTask(String key, String hospitalId, String bookingId, String kind, String reason) {
        OpenTaskRequest r = new OpenTaskRequest();
        r.setKey(key);
        r.setHospitalId(hospitalId);
        r.setBookingId(bookingId);
        r.setKind(kind);
        r.setReason(reason);
        TaskView t = fulfillment.openTask(r);
        return t.getTaskId();
    }
}
