package com.checkup.message.persistence;

import static com.checkup.platform.time.UtcColumns.utc;

import com.checkup.message.app.InboxStore;
import com.checkup.message.domain.InboxEntry;
import com.checkup.platform.events.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Repository;

@Repository
public class InboxRepository implements InboxStore {
    private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() {
    };

    private final InboxMapper mapper;

    public InboxRepository(InboxMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public long lastSeq(String user) {
        Long last = mapper.lastSeq(user);
        return last == null ? 0 : last;
    }

    @Override
    public List<InboxEntry> after(String user, long afterSeq, int limit) {
        return mapper.after(user, afterSeq, limit).stream().map(InboxRepository::entry).toList();
    }

    @Override
    public List<InboxEntry> latest(String user, int limit) {
        List<InboxEntry> newestFirst = new ArrayList<>(mapper.latest(user, limit).stream().map(InboxRepository::entry).toList());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    @Override
    public Map<String, Long> changedWithin(int seconds) {
        Map<String, Long> out = new HashMap<>();
        for (Map<String, Object> row : mapper.changedWithin(seconds)) {
            out.put((String) row.get("user_id"), ((Number) row.get("last_seq")).longValue());
        }
        return out;
    }

    @Override
    public boolean record(String id, String sourceKey, String kind, String user, String bookingId, String hospitalId,
                          Map<String, String> params, Instant dueAt) {
        InboxRow r = new InboxRow();
        r.id = id;
        r.userId = user;
        r.sourceKey = sourceKey;
        r.kind = kind;
        r.bookingId = bookingId;
        r.hospitalId = hospitalId;
        r.params = write(params);
        r.dueAt = utc(dueAt);
        r.recordedAt = utc(Instant.now());
        return mapper.insertOnce(r) == 1;
    }

    @Override
    public boolean show(String id, String user, Instant at) {
        if (mapper.markShown(id, utc(at)) != 1) {
            return false;
        }
        mapper.nextSeq(user);
        mapper.number(id, mapper.lastSeq(user));
        return true;
    }

    @Override
    public int callOff(String bookingId) {
        return mapper.callOff(bookingId);
    }

    @Override
    public List<Due> due(Instant now, int limit) {
        return mapper.due(utc(now), limit).stream().map(r -> new Due(r.id, r.userId, r.dueAt.toInstant(ZoneOffset.UTC))).toList();
    }

    @Override
    public boolean expire(String id) {
        return mapper.expire(id) == 1;
    }

    @Override
    public Optional<Map<String, String>> bookingParams(String user, String bookingId) {
        return Optional.ofNullable(mapper.bookingParams(user, bookingId)).map(InboxRepository::read);
    }

    private static InboxEntry entry(InboxRow r) {
        return new InboxEntry(r.id, r.userId, r.seq, r.kind, r.bookingId, r.hospitalId, read(r.params),
                r.createdAt.toInstant(ZoneOffset.UTC));
    }

    private static String write(Map<String, String> params) {
        try {
            return Json.MAPPER.writeValueAsString(params == null ? Map.of() : params);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Map<String, String> read(String json) {
        try {
            return Json.MAPPER.readValue(json, PARAMS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("inbox params are not JSON: " + e.getMessage(), e);
        }
    }

}
