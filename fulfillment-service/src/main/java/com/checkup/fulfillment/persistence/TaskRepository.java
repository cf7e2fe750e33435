package com.checkup.fulfillment.persistence;

import static com.checkup.platform.time.UtcColumns.instant;
import static com.checkup.platform.time.UtcColumns.utc;

import com.checkup.fulfillment.domain.Task;
import com.checkup.fulfillment.domain.TaskEntry;
import com.checkup.platform.paging.KeysetCursor;
import com.checkup.fulfillment.domain.TaskKind;
import com.checkup.fulfillment.domain.TaskOutcome;
import com.checkup.fulfillment.domain.TaskStatus;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Repository;

@Repository
public class TaskRepository {
    private final TaskMapper mapper;

    public TaskRepository(TaskMapper mapper) {
        this.mapper = mapper;
    }

    /** Fails with DuplicateKeyException when a task with the same key exists. */
    public void insert(Task t) {
        mapper.add(row(t));
    }

    public Optional<Task> find(String id) {
        return Optional.ofNullable(mapper.selectById(id)).map(TaskRepository::task);
    }

    public Optional<Task> findByKey(String key) {
        return Optional.ofNullable(mapper.findByKey(key)).map(TaskRepository::task);
    }

    /** False when the task changed since it was read (someone else was quicker). */
    public boolean update(Task t) {
        return mapper.update(row(t)) == 1;
    }

    /**
     * Tasks newest first (creation time, then id), strictly after {@code after} when given; null filters match all.
     */
    public List<Task> page(String hospitalOrNull, List<TaskStatus> statuses, TaskKind kindOrNull, String bookingOrNull,
                           KeysetCursor after, int limit) {
        return mapper.page(hospitalOrNull, statuses.stream().map(Enum::name).toList(),
                        kindOrNull == null ? null : kindOrNull.name(), bookingOrNull,
                        after == null ? null : utc(after.at()), after == null ? null : after.id(), limit)
                .stream().map(TaskRepository::task).toList();
    }

    public void audit(String taskId, Instant at, String actor, String action, String detail) {
        TaskAuditRow r = new TaskAuditRow();
        r.taskId = taskId;
        r.at = utc(at);
        r.actor = actor;
        r.action = action;
        r.detail = detail;
        mapper.audit(r);
    }

    /** Audit entries per task id, oldest first. */
    /** Each task's history, oldest first, by task id. */
    public Map<String, List<TaskEntry>> history(List<String> taskIds) {
        if (taskIds.isEmpty()) {
            return Map.of();
        }
        return mapper.history(taskIds).stream()
                .map(r -> new TaskEntry(r.taskId, instant(r.at), r.actor, r.action, r.detail))
                .collect(Collectors.groupingBy(TaskEntry::taskId));
    }


    private static TaskRow row(Task t) {
        TaskRow r = new TaskRow();
        r.id = t.id();
        r.taskKey = t.key();
        r.hospitalId = t.hospitalId();
        r.bookingId = t.bookingId();
        r.kind = t.kind().name();
        r.reason = t.reason();
        r.status = t.status().name();
        r.claimedBy = t.claimedBy();
        r.outcome = t.outcome() == null ? null : t.outcome().name();
        r.note = t.note();
        r.createdAt = utc(t.createdAt());
        r.updatedAt = utc(t.updatedAt());
        r.version = t.version();
        return r;
    }

    private static Task task(TaskRow r) {
        return new Task(r.id, r.taskKey, r.hospitalId, r.bookingId, TaskKind.valueOf(r.kind), r.reason,
                TaskStatus.valueOf(r.status), r.claimedBy, r.outcome == null ? null : TaskOutcome.valueOf(r.outcome), r.note,
                r.createdAt.toInstant(ZoneOffset.UTC), r.updatedAt.toInstant(ZoneOffset.UTC), r.version);
    }
}
