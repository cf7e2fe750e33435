package com.checkup.gateway.routes;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Dubbo parameter of a route and where its value comes from:
 * {@code path:<var>}, {@code query:<name>}, {@code header:<name>}, {@code body} (the whole JSON body),
 * {@code body:<field>}, {@code rawBody} (the body as text, e.g. a signed callback). A trailing {@code ?} makes it
 * optional (null when absent). {@code set} fills fields of a body object from other sources, e.g.
 * {@code idempotencyKey ← header:Idempotency-Key}.
 */
public final class RouteParam {
    private String type;
    private String from;
    private Map<String, String> set = new LinkedHashMap<>();

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public Map<String, String> getSet() {
        return set;
    }

    public void setSet(Map<String, String> set) {
        this.set = set == null ? new LinkedHashMap<>() : set;
    }
}
