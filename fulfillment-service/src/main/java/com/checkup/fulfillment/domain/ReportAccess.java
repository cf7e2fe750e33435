package com.checkup.fulfillment.domain;

/**
 * Who may read a report: the examinee (the consumer account that booked) and the desk of the booking's hospital.
 * Nobody else — not another consumer, not another hospital's desk, not HR, not ops.
 */
public final class ReportAccess {
    private ReportAccess() {
    }

    /** Null when allowed, else the reason it is not (for the audit log). */
    public static String denial(String persona, String tenantId, String userId, String reportHospital, String examinee) {
        if ("CONSUMER".equals(persona) || "TESTER".equals(persona)) {
            return examinee != null && examinee.equals(userId) ? null : "not the examinee";
        }
        if ("DESK".equals(persona)) {
            return reportHospital.equals(tenantId) ? null : "desk of another hospital";
        }
        return "persona " + persona + " never reads reports";
    }
}
