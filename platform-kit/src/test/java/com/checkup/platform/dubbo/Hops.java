package com.checkup.platform.dubbo;

import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.platform.context.CallContext;
import com.checkup.platform.context.CallContextHolder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Three chained test services: A calls B, B calls C. Each hop reports who served it and what it saw. */
public final class Hops {
    private Hops() {
    }

    /** One entry per hop: {@code service|instance-lane|seen-lane|traceId|persona|tenant|user}. */
    public interface HopA {
        List<String> path();

        String fail(String kind);

        String ping();
    }

    public interface HopB {
        List<String> path();
    }

    public interface HopC {
        List<String> path();
    }

    static final class Impl implements HopA, HopB, HopC {
        private final String service;
        private final String instanceLane;
        private final Supplier<List<String>> next;

        Impl(String service, String instanceLane, Supplier<List<String>> next) {
            this.service = service;
            this.instanceLane = instanceLane == null ? "baseline" : instanceLane;
            this.next = next;
        }

        @Override
        public List<String> path() {
            CallContext c = CallContextHolder.current().orElseThrow();
            List<String> out = new ArrayList<>();
            out.add(String.join("|", service, instanceLane, String.valueOf(c.lane()), c.traceId(),
                    String.valueOf(c.persona()), String.valueOf(c.tenantId()), String.valueOf(c.userId())));
            if (next != null) {
                out.addAll(next.get());
            }
            return out;
        }

        @Override
        public String fail(String kind) {
            switch (kind) {
                case "business":
                    throw new BusinessException(ErrorCode.CONFLICT, "Booking is already confirmed");
                case "bug":
                    throw new IllegalStateException("secret internal detail at com.checkup.Secret");
                case "deadlock":
                    throw new org.springframework.dao.CannotAcquireLockException("Deadlock found on secret_table");
                case "db-down":
                    throw new org.springframework.jdbc.CannotGetJdbcConnectionException("secret jdbc url unreachable");
                default:
                    return "ok";
            }
        }

        @Override
        public String ping() {
            return "pong";
        }
    }
}
