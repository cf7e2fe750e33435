package com.checkup.gateway.lanes;

import com.checkup.gateway.web.JsonDepth;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which lane a request runs in when no tester asked for one: by user id, by tenant, or by app version (a build under
 * store review goes to its own lane), then by release percentage: a lane released to {@code n}% of users takes the
 * users whose stable hash falls in its share (the same user always lands in the same lane; raising one lane's share
 * keeps everyone it had while the lanes named before it keep theirs); 100 is everyone, anonymous callers included. Kept in the config center (key
 * {@code lane-rules}), applied live.
 */
public final class LaneRules {
    public static final Pattern LANE = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private Map<String, String> users = new LinkedHashMap<>();
    private Map<String, String> tenants = new LinkedHashMap<>();
    private Map<String, String> appVersions = new LinkedHashMap<>();
    /** lane → percent of users (1..100) released to it; the shares of all lanes add up to 100 at most. */
    private Map<String, Integer> percentages = new TreeMap<>();

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
        int sum = 0;
        for (Map.Entry<String, Integer> e : r.percentages.entrySet()) {
            if (!LANE.matcher(e.getKey()).matches()) {
                throw new IllegalArgumentException("bad lane '" + e.getKey() + "' in percentages: lanes are 1-32 of a-z, 0-9 and '-'");
            }
            if (e.getValue() == null || e.getValue() < 1 || e.getValue() > 100) {
                throw new IllegalArgumentException("percentages." + e.getKey() + " must be 1..100 (leave the lane out for testers only)");
            }
            sum += e.getValue();
        }
        if (sum > 100) {
            throw new IllegalArgumentException("percentages add up to " + sum + "%: at most 100% of users can be released");
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
        if (lane == null && !percentages.isEmpty()) {
            lane = released(userId);
        }
        return lane;
    }

    /** Lanes take consecutive shares of the 100 buckets, in name order; a user's bucket is a hash of the user id. */
    private String released(String userId) {
        if (userId == null) {
            for (Map.Entry<String, Integer> e : percentages.entrySet()) {
                if (e.getValue() >= 100) {
                    return e.getKey();
                }
            }
            return null;
        }
        int bucket = bucket(userId);
        int upTo = 0;
        for (Map.Entry<String, Integer> e : percentages.entrySet()) {
            upTo += e.getValue();
            if (bucket < upTo) {
                return e.getKey();
            }
        }
        return null;
    }

    /** 0..99, the same for a user on every gateway and after every restart (not String.hashCode's spread). */
    static int bucket(String userId) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(userId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return (int) (crc.getValue() % 100);
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

    public Map<String, Integer> getPercentages() {
        return percentages;
    }

    public void setPercentages(Map<String, Integer> percentages) {
        this.percentages = percentages == null ? new TreeMap<>() : new TreeMap<>(percentages);
    }
}
