package com.checkup.gateway.routes;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One route of the public API as the route document describes it: either a Dubbo method ({@code service} +
 * {@code call}, with where each parameter comes from) or an endpoint the gateway answers itself ({@code local}).
 */
public final class Route {
    private String id;
    private String method;
    private String path;
    /** Dubbo interface, e.g. {@code com.checkup.contracts.booking.BookingService}. */
    private String service;
    /** Method of {@link #service}. */
    private String call;
    private List<RouteParam> params = new ArrayList<>();
    /** Personas allowed; empty only for an open route. */
    private Set<String> personas = new LinkedHashSet<>();
    /** No token needed (login, signed payment callbacks). */
    private boolean open;
    /** A gateway-local endpoint: login, lanes, lane-rules, flags. */
    private String local;
    private int timeoutMs = 5000;
    /** Retries on another instance; only for reads (a retried write could run twice). */
    private int retries;
    /** This route's request body limit, when it differs from the gateway's default (e.g. report uploads). */
    private int maxBodyBytes;
    /** {@code json} (default), or {@code file}: the result's {@code content} bytes, with its contentType and fileName. */
    private String result = "json";

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getMethod() {
        return method;
    }

    public void setMethod(String method) {
        this.method = method;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public String getService() {
        return service;
    }

    public void setService(String service) {
        this.service = service;
    }

    public String getCall() {
        return call;
    }

    public void setCall(String call) {
        this.call = call;
    }

    public List<RouteParam> getParams() {
        return params;
    }

    public void setParams(List<RouteParam> params) {
        this.params = params == null ? new ArrayList<>() : params;
    }

    public Set<String> getPersonas() {
        return personas;
    }

    public void setPersonas(Set<String> personas) {
        this.personas = personas == null ? new LinkedHashSet<>() : personas;
    }

    public boolean isOpen() {
        return open;
    }

    public void setOpen(boolean open) {
        this.open = open;
    }

    public String getLocal() {
        return local;
    }

    public void setLocal(String local) {
        this.local = local;
    }

    public int getTimeoutMs() {
        return timeoutMs;
    }

    public void setTimeoutMs(int timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    public int getRetries() {
        return retries;
    }

    public void setRetries(int retries) {
        this.retries = retries;
    }

    public int getMaxBodyBytes() {
        return maxBodyBytes;
    }

    public void setMaxBodyBytes(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public String getResult() {
        return result;
    }

    public void setResult(String result) {
        this.result = result == null ? "json" : result;
    }

    public boolean returnsFile() {
        return "file".equals(result);
    }

    public boolean isDubbo() {
        return service != null;
    }

    /** Comma-separated Dubbo parameter types, as ShenYu's metadata wants them. */
    public String parameterTypes() {
        StringBuilder b = new StringBuilder();
        for (RouteParam p : params) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(p.getType());
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return id + " " + method + " " + path;
    }
}
