package com.checkup.gateway.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.dubbo.common.config.configcenter.ConfigItem;
import org.apache.dubbo.common.config.configcenter.DynamicConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who changed what the platform does, when, from what to what: every flag and lane-rule write through the gateway.
 * Each change is one line of the {@code checkup.audit} log (kept as long as logs are) and an entry of the {@code audit}
 * document in the config center (the last {@link #KEEP}, newest first, shared by every gateway instance: appended
 * with compare-and-set), which {@code GET /api/ops/audit} shows to ops.
 */
public final class AuditTrail {
    public static final String KEY = "audit";
    static final int KEEP = 500;
    private static final int TRIES = 8;
    private static final Logger log = LoggerFactory.getLogger("checkup.audit");
    private static final TypeReference<List<Map<String, String>>> ENTRIES = new TypeReference<List<Map<String, String>>>() {
    };

    private final DynamicConfiguration config;
    private final String group;
    private final ObjectMapper json;
    private final Clock clock;

    public AuditTrail(DynamicConfiguration config, String group, ObjectMapper json, Clock clock) {
        this.config = config;
        this.group = group;
        this.json = json;
        this.clock = clock;
    }

    /** Records a change; false when the shared document could not take it (the log line has it regardless). */
    public boolean record(String actor, String target, String oldValue, String newValue) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("at", clock.instant().toString());
        entry.put("actor", actor);
        entry.put("target", target);
        entry.put("oldValue", clip(oldValue));
        entry.put("newValue", clip(newValue));
        log.info("{} changed {}: {} -> {}", actor, target, entry.get("oldValue"), entry.get("newValue"));
        for (int i = 0; i < TRIES; i++) {
            try {
                // The change is made already: a config center that fails here must not turn it into an error answer.
                ConfigItem current = config.getConfigItem(KEY, group);
                List<Map<String, String>> entries = new ArrayList<>(parse(current == null ? null : current.getContent()));
                entries.add(0, entry);
                if (entries.size() > KEEP) {
                    entries = entries.subList(0, KEEP);
                }
                if (config.publishConfigCas(KEY, group, json.writeValueAsString(entries),
                        current == null ? null : current.getTicket())) {
                    return true;
                }
            } catch (IOException | RuntimeException e) {
                log.warn("Audit entry of {} not stored in the config center (try {}): {}", target, i + 1, e.toString());
            }
        }
        log.error("Audit entry of {} by {} could not be stored in the config center; it is in this log only", target, actor);
        return false;
    }

    /** The recorded changes, newest first. */
    public List<Map<String, String>> entries() {
        return parse(config.getConfig(KEY, group));
    }

    private List<Map<String, String>> parse(String text) {
        if (text == null || text.isBlank()) {
            return Collections.emptyList();
        }
        try {
            return json.readValue(text, ENTRIES);
        } catch (IOException e) {
            log.error("The audit document in the config center does not parse; starting a new one after it: {}", e.toString());
            return Collections.emptyList();
        }
    }

    private static String clip(String s) {
        if (s == null) {
            return "(default)";
        }
        return s.length() > 2000 ? s.substring(0, 2000) + "…" : s;
    }
}
