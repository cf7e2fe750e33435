package com.checkup.gateway.lanes;

import com.checkup.gateway.web.JsonDepth;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which lane a request runs in when no tester asked for one: by user id, by tenant, or by app version (a build under
 * store review goes to its own lane). Kept in the config center (key {@code lane-rules}), applied live.
 */
public final class LaneRules {
    public static final Pattern LANE = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private Map<String, String> users = new LinkedHashMap<>();
    private Map<String, String> tenants = new LinkedHashMap<>();
    private Map<String, String> appVersions = new LinkedHashMap<>();

    public static LaneRules parse(String json) {
        LaneRules r;
        if (json != null && JsonDepth.scan(json, JsonDepth.MAX_DEPTH) != JsonDepth.Verdict.OK) {
            throw new IllegalArgumentException("lane rules: " + JsonDepth.tooDeepMessage(JsonDepth.MAX_DEPTH));
        }
        try {
            r = JSON.readValue(json, LaneRules.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("lane rules are not valid JSON: " + e.getMessage(), e);
        }
        for (Map<String, String> m : new Map[] {r.users, r.tenants, r.appVersions}) {
            for (Map.Entry<String, String> e : m.entrySet()) {
                if (e.getValue() == null || !LANE.matcher(e.getValue()).matches()) {
                    throw new IllegalArgumentException("bad lane '" + e.getValue() + "' for " + e.getKey()
                            + ": lanes are 1-32 of a-z, 0-9 and '-'");
                }
            }
        }
        return r;
    }

    /** The lane for this caller, or null for the baseline. */
    public String laneFor(String userId, String tenantId, String appVersion) {
        String lane = userId == null ? null : users.get(userId);
        if (lane == null && tenantId != null) {
            lane = tenants.get(tenantId);
        }
        if (lane == null && appVersion != null) {
            lane = appVersions.get(appVersion);
        }
        return lane;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<String, String> getUsers() {
        return users;
    }

    public void setUsers(Map<String, String> users) {
        this.users = users == null ? new LinkedHashMap<>() : users;
    }

    public Map<String, String> getTenants() {
        return tenants;
    }

    public void setTenants(Map<String, String> tenants) {
        this.tenants = tenants == null ? new LinkedHashMap<>() : tenants;
    }

    public Map<String, String> getAppVersions() {
        return appVersions;
    }

    public void setAppVersions(Map<String, String> appVersions) {
        this.appVersions = appVersions == null ? new LinkedHashMap<>() : appVersions;
    }
}
