package com.checkup.fulfillment.app;

import com.checkup.contracts.context.Persona;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.contracts.fulfillment.OpenTaskRequest;
import com.checkup.fulfillment.domain.Task;
import com.checkup.fulfillment.domain.TaskEntry;
import com.checkup.fulfillment.domain.TaskKind;
import com.checkup.fulfillment.domain.TaskOutcome;
import com.checkup.fulfillment.domain.TaskStatus;
import com.checkup.fulfillment.persistence.TaskRepository;
import com.checkup.platform.context.CallContext;
import com.checkup.platform.context.Callers;
import com.checkup.platform.paging.Keyset;
import com.checkup.platform.paging.KeysetCursor;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Manual fulfillment tasks: opened once per key by services, listed, claimed and resolved by a hospital's desk
 * (its own hospital only) or ops. Each change and its audit line commit together.
 */
@Service
public class TaskCommands {
    private static final Logger log = LoggerFactory.getLogger(TaskCommands.class);

    private final TaskRepository tasks;
    private final TransactionTemplate tx;
    private final Clock clock;

    public TaskCommands(TaskRepository tasks, TransactionTemplate tx, Clock clock) {
        this.tasks = tasks;
        this.tx = tx;
        this.clock = clock;
    }

    public Task open(OpenTaskRequest r) {
        CallContext caller = Callers.require(Persona.SYSTEM, Persona.OPS, Persona.DESK);
        if (r == null) {
            throw invalid("A task request is required");
        }
        String key = required("key", r.getKey(), 190);
        String hospital = required("hospitalId", r.getHospitalId(), 64);
        if (Callers.is(caller, Persona.DESK) && !hospital.equals(caller.tenantId())) {
            throw new BusinessException(ErrorCode.FORBIDDEN, "A desk opens tasks for its own hospital only");
        }
        String booking = r.getBookingId() == null || r.getBookingId().isBlank() ? null : required("bookingId", r.getBookingId(), 64);
        TaskKind kind = parse(TaskKind.class, "kind", r.getKind());
        String reason = r.getReason() == null ? null : truncate(r.getReason(), 1000);
        var existing = tasks.findByKey(key);
        if (existing.isPresent()) {
            return existing.get();
        }
        Instant now = clock.instant();
        Task t = Task.open("T-" + UUID.randomUUID(), key, hospital, booking, kind, reason, now);
        try {
            tx.executeWithoutResult(s -> {
                tasks.insert(t);
                tasks.audit(t.id(), now, Callers.actor(caller), "OPENED", kind + (reason == null ? "" : ": " + truncate(reason, 900)));
            });
            log.info("Opened {} ({})", t, reason);
            return t;
        } catch (DuplicateKeyException raced) {
            return tasks.findByKey(key).orElseThrow(() -> raced);
        }
    }

    /**
     * The queue newest first, filtered, one page after {@code cursor}. A desk is held to its own hospital: naming
     * another is FORBIDDEN rather than quietly answered with its own tasks, so a filter never means something else.
     */
    public Keyset.Page<Task> list(String status, String kind, String hospitalId, String bookingId, String cursor, Integer limit) {
        CallContext caller = Callers.require(Persona.DESK, Persona.OPS);
        List<TaskStatus> statuses = blank(status)
                ? List.of(TaskStatus.OPEN, TaskStatus.CLAIMED)
                : List.of(parse(TaskStatus.class, "status", status));
        TaskKind ofKind = blank(kind) ? null : parse(TaskKind.class, "kind", kind);
        String booking = blank(bookingId) ? null : required("bookingId", bookingId, 64);
        String hospital = blank(hospitalId) ? null : required("hospitalId", hospitalId, 64);
        String scope = hospitalScope(caller);
        if (scope != null) {
            if (hospital != null && !hospital.equals(scope)) {
                throw new BusinessException(ErrorCode.FORBIDDEN, "A desk sees its own hospital's tasks only");
            }
            hospital = scope;
        }
        KeysetCursor after = KeysetCursor.decodeOrFirst(cursor);
        Keyset page = Keyset.of(limit);
        return page.page(tasks.page(hospital, statuses, ofKind, booking, after, page.readSize()), Task::createdAt, Task::id);
    }

    /** The tasks' histories, by task id (read along with tasks shown to people). */
    public Map<String, List<TaskEntry>> history(List<Task> tasks) {
        return tasks.isEmpty() ? Map.of() : this.tasks.history(tasks.stream().map(Task::id).toList());
    }

    public Task get(String taskId) {
        return visible(Callers.require(Persona.DESK, Persona.OPS), taskId);
    }

    public Task claim(String taskId) {
        CallContext caller = Callers.require(Persona.DESK, Persona.OPS);
        return change(caller, taskId, "CLAIMED", (t, now) -> t.claim(Callers.actor(caller), now), null);
    }

    public Task resolve(String taskId, String outcome, String note) {
        CallContext caller = Callers.require(Persona.DESK, Persona.OPS);
        TaskOutcome how = parse(TaskOutcome.class, "outcome", outcome);
        String cleanNote = note == null || note.isBlank() ? null : truncate(note.trim(), 1000);
        return change(caller, taskId, "RESOLVED", (t, now) -> {
                    t.resolve(Callers.actor(caller), how, cleanNote, now);
                    return true;
                },
                how + (cleanNote == null ? "" : ": " + truncate(cleanNote, 900)));
    }

    /** Applies a change with an optimistic update; a concurrent change by someone else is CONFLICT. */
    private Task change(CallContext caller, String taskId, String action, Change how, String detail) {
        return tx.execute(s -> {
            Task t = visible(caller, taskId);
            Instant now = clock.instant();
            if (!how.apply(t, now)) {
                return t; // a repeated claim by the same person: nothing changed
            }
            if (!tasks.update(t)) {
                throw new BusinessException(ErrorCode.CONFLICT, "Task " + taskId + " was changed by someone else; reload it");
            }
            tasks.audit(t.id(), now, Callers.actor(caller), action, detail);
            log.info("{} {} by {}", action, t, Callers.actor(caller));
            return t;
        });
    }

    private interface Change {
        /** False when nothing changed. */
        boolean apply(Task t, Instant now);
    }

    /** A desk sees its own hospital's tasks only; another hospital's looks missing. */
    private Task visible(CallContext caller, String taskId) {
        String id = required("taskId", taskId, 40);
        String scope = hospitalScope(caller);
        return tasks.find(id).filter(t -> scope == null || scope.equals(t.hospitalId()))
                .orElseThrow(() -> new BusinessException(ErrorCode.NOT_FOUND, "No task " + id));
    }

    private static String hospitalScope(CallContext caller) {
        return Callers.is(caller, Persona.DESK) ? caller.tenantId() : null;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, required(field, value, 40).toUpperCase());
        } catch (IllegalArgumentException e) {
            throw invalid(field + " must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw invalid(field + " is required");
        }
        if (value.length() > max) {
            throw invalid(field + " is longer than " + max + " characters");
        }
        return value.trim();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static BusinessException invalid(String message) {
        return new BusinessException(ErrorCode.VALIDATION_FAILED, message);
    }
}
