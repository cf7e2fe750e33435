package com.checkup.fulfillment.rpc;

import com.checkup.contracts.fulfillment.FulfillmentService;
import com.checkup.contracts.fulfillment.OpenTaskRequest;
import com.checkup.contracts.fulfillment.TaskEntry;
import com.checkup.contracts.fulfillment.TaskPage;
import com.checkup.platform.paging.Keyset;
import com.checkup.contracts.fulfillment.TaskView;
import com.checkup.fulfillment.app.TaskCommands;
import com.checkup.fulfillment.domain.Task;
import java.util.List;
import java.util.Map;
import org.apache.dubbo.config.annotation.DubboService;

/** Dubbo adapter of the task use cases: maps and delegates (the audit trail is read along). */
@DubboService
public class FulfillmentRpcService implements FulfillmentService {
    private final TaskCommands commands;

    public FulfillmentRpcService(TaskCommands commands) {
        this.commands = commands;
    }

    @Override
    public TaskView openTask(OpenTaskRequest request) {
        return view(commands.open(request));
    }

    @Override
    public TaskPage tasks(String status, String kind, String hospitalId, String bookingId, String cursor, Integer limit) {
        Keyset.Page<Task> p = commands.list(status, kind, hospitalId, bookingId, cursor, limit);
        TaskPage v = new TaskPage();
        v.setItems(views(p.rows()));
        v.setNextCursor(p.nextCursor());
        return v;
    }

    @Override
    public TaskView task(String taskId) {
        return view(commands.get(taskId));
    }

    @Override
    public TaskView claim(String taskId) {
        return view(commands.claim(taskId));
    }

    @Override
    public TaskView resolve(String taskId, String outcome, String note) {
        return view(commands.resolve(taskId, outcome, note));
    }

    private TaskView view(Task t) {
        return views(List.of(t)).get(0);
    }

    private List<TaskView> views(List<Task> tasks) {
        Map<String, List<com.checkup.fulfillment.domain.TaskEntry>> history = commands.history(tasks);
        return tasks.stream().map(t -> {
            TaskView v = new TaskView();
            v.setTaskId(t.id());
            v.setHospitalId(t.hospitalId());
            v.setBookingId(t.bookingId());
            v.setKind(t.kind().name());
            v.setReason(t.reason());
            v.setStatus(t.status().name());
            v.setClaimedBy(t.claimedBy());
            v.setOutcome(t.outcome() == null ? null : t.outcome().name());
            v.setNote(t.note());
            v.setCreatedAt(t.createdAt().toString());
            v.setUpdatedAt(t.updatedAt().toString());
            v.setHistory(history.getOrDefault(t.id(), List.of()).stream().map(a -> {
                TaskEntry e = new TaskEntry();
                e.setAt(a.at().toString());
                e.setActor(a.actor());
                e.setAction(a.action());
                e.setDetail(a.detail());
                return e;
            }).toList());
            return v;
        }).toList();
    }
}
