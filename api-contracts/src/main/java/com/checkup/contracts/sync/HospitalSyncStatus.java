package com.checkup.contracts.sync;

import java.io.Serializable;

/** How pushing to one hospital's system goes right now. */
public class HospitalSyncStatus implements Serializable {
    private static final long serialVersionUID = 1L;

    private String hospitalId;
    /** HTTP_JSON or MANUAL */
    private String connector;
    /** CLOSED, OPEN or HALF_OPEN (HTTP_JSON only) */
    private String circuit;
    /** pushes and cancels waiting or being retried */
    private long pending;
    private long done;
    /** retries spent: handed to a person as a fulfillment task */
    private long gaveUp;
    /** the last failure, if any */
    private String lastError;
    /** The credentials presented to the hospital's system, masked (e.g. {@code API_KEY ****}); null when none. */
    private String credentials;

    public String getCredentials() {
        return credentials;
    }

    public void setCredentials(String credentials) {
        this.credentials = credentials;
    }

    public String getHospitalId() {
        return hospitalId;
    }

    public void setHospitalId(String hospitalId) {
        this.hospitalId = hospitalId;
    }

    public String getConnector() {
        return connector;
    }

    public void setConnector(String connector) {
        this.connector = connector;
    }

    public String getCircuit() {
        return circuit;
    }

    public void setCircuit(String circuit) {
        this.circuit = circuit;
    }

    public long getPending() {
        return pending;
    }

    public void setPending(long pending) {
        this.pending = pending;
    }

    public long getDone() {
        return done;
    }

    public void setDone(long done) {
        this.done = done;
    }

    public long getGaveUp() {
        return gaveUp;
    }

    public void setGaveUp(long gaveUp) {
        this.gaveUp = gaveUp;
    }

    public String getLastError() {
        return lastError;
    }

    public void setLastError(String lastError) {
        this.lastError = lastError;
    }
}
