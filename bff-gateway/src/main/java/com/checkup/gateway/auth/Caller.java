package com.checkup.gateway.auth;

/** Who is calling, from a verified token: passed to services as Dubbo attachments. */
public final class Caller {
    private final String userId;
    private final String persona;
    private final String tenantId;

    public Caller(String userId, String persona, String tenantId) {
        this.userId = userId;
        this.persona = persona;
        this.tenantId = tenantId;
    }

    public String userId() {
        return userId;
    }

    public String persona() {
        return persona;
    }

    /** Hospital of a desk, company of HR; null for consumers, ops and testers. */
    public String tenantId() {
        return tenantId;
    }

    public boolean isTester() {
        return "TESTER".equals(persona);
    }
}
