package com.checkup.message.rpc;

import com.checkup.contracts.message.MessageService;
import com.checkup.contracts.message.MessageView;
import com.checkup.message.app.MessageQueries;
import com.checkup.message.domain.Message;
import com.checkup.platform.privacy.Masking;
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

    private static final java.util.regex.Pattern PHONE = java.util.regex.Pattern.compile("\\+?[0-9][0-9 -]{6,}");

    static String shownRecipient(String recipient) {
        return recipient != null && PHONE.matcher(recipient).matches() ? Masking.phone(recipient) : recipient;
    }

    static MessageView view(Message m) {
        MessageView v = new MessageView();
        v.setMessageId(m.id());
        v.setEventId(m.eventId());
        v.setEventType(m.eventType());
        v.setHospitalId(m.hospitalId());
        v.setRecipient(shownRecipient(m.recipient()));
        v.setChannel(m.channel().name());
        // Listings never carry what only the recipient may read: codes masked in the body, phone numbers masked.
        v.setBody(m.shownBody());
        v.setStatus(m.status().name());
        v.setAttempts(m.attempts());
        v.setLastError(m.lastError());
        v.setSendAt(m.sendAt().toString());
        v.setSentAt(m.sentAt() == null ? null : m.sentAt().toString());
        v.setCreatedAt(m.createdAt().toString());
        return v;
    }
}
