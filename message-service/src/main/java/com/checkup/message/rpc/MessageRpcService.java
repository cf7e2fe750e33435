package com.checkup.message.rpc;

import com.checkup.contracts.message.MessageService;
import com.checkup.contracts.message.MessageView;
import com.checkup.message.app.MessageQueries;
import com.checkup.message.domain.Message;
import java.util.List;
import org.apache.dubbo.config.annotation.DubboService;

/** Dubbo adapter for ops: maps and delegates. */
@DubboService
public class MessageRpcService implements MessageService {
    private final MessageQueries queries;

    public MessageRpcService(MessageQueries queries) {
        this.queries = queries;
    }

    @Override
    public List<MessageView> messages(String recipient) {
        return queries.forRecipient(recipient).stream().map(MessageRpcService::view).toList();
    }

    @Override
    public List<MessageView> deadLetters() {
        return queries.deadLetters().stream().map(MessageRpcService::view).toList();
    }

    @Override
    public MessageView replay(String messageId) {
        return view(queries.replay(messageId));
    }

    static MessageView view(Message m) {
        MessageView v = new MessageView();
        v.setMessageId(m.id());
        v.setEventId(m.eventId());
        v.setEventType(m.eventType());
        v.setHospitalId(m.hospitalId());
        v.setRecipient(m.recipient());
        v.setChannel(m.channel().name());
        v.setBody(m.body());
        v.setStatus(m.status().name());
        v.setAttempts(m.attempts());
        v.setLastError(m.lastError());
        v.setSendAt(m.sendAt().toString());
        v.setSentAt(m.sentAt() == null ? null : m.sentAt().toString());
        v.setCreatedAt(m.createdAt().toString());
        return v;
    }
}
