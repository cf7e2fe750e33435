package com.checkup.contracts.fulfillment;

import java.io.Serializable;

/** Payload of report events on Topics.REPORT. */
public class ReportEvent implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A report was stored (or replaced) for a booking: the booking is COMPLETED and the examinee told. */
    public static final String READY = "report.ready";

    private String reportId;
    private String bookingId;
    private String hospitalId;
    /** the examinee's account */
    private String consumerId;
    private String fileName;

    public String getReportId() {
        return reportId;
    }

    public void setReportId(String reportId) {
        this.reportId = reportId;
    }

    public String getBookingId() {
        return bookingId;
    }

    public void setBookingId(String bookingId) {
        this.bookingId = bookingId;
    }

    public String getHospitalId() {
        return hospitalId;
    }

    public void setHospitalId(String hospitalId) {
        this.hospitalId = hospitalId;
    }

    public String getConsumerId() {
        return consumerId;
    }

    public void setConsumerId(String consumerId) {
        this.consumerId = consumerId;
    }

    public String getFileName() {
        return fileName;
    }

    public void setFileName(String fileName) {
        this.fileName = fileName;
    }
}
