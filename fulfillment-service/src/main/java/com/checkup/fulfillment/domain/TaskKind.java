package com.checkup.fulfillment.domain;

/** Why a person has to do something by hand. */
public enum TaskKind {
    /** Pushing the booking to the hospital's system failed after every retry. */
    SYNC_FAILED,
    /** The hospital has no system: every booking and cancellation is handled by phone or on the hospital's side. */
    MANUAL_HOSPITAL,
    /** Something changed at the desk that the hospital's system must be told by hand. */
    ON_SITE_CHANGE,
    /** The hospital's system says the report is ready: the desk fetches the PDF there and uploads it for the examinee. */
    REPORT_AT_HOSPITAL
}
