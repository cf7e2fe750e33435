package com.checkup.sync.domain;

/** What a hospital's system must be told about a booking. */
public enum SyncAction {
    /** A new or moved booking (confirmed, rescheduled). */
    PUSH,
    CANCEL
}
