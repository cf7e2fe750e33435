package com.checkup.message.rpc;

import com.checkup.contracts.message.MessagePage;
import com.checkup.contracts.message.MessageService;
import com.checkup.contracts.message.MessageView;
import com.checkup.message.app.MessageQueries;
import com.checkup.message.domain.Message;
import com.checkup.platform.paging.Keyset;
import com.checkup.platform.privacy.Masking;
import org.apache.dubbo.config.annotation.DubboService;

/** Dubbo adapter for ops: maps and delegates. */
@DubboService
public class MessageRpcService implements MessageService {
    private final MessageQueries queries;

    public MessageRpcService(MessageQueries queries) {
        this.queries = queries;
    }

    @Override
    public MessagePage messages(String recipient, String cursor, Integer limit) {
        return page(queries.forRecipient(recipient, cursor, limit));
    }

    @Override
    public MessagePage deadLetters(String hospitalId, String eventType, String cursor, Integer limit) {
        return page(queries.deadLetters(hospitalId, eventType, cursor, limit));
    }

    @Override
    public MessageView replay(String messageId) {
        return view(queries.replay(messageId));
    }

    private static MessagePage page(Keyset.Page<Message> p) {
        MessagePage v = new MessagePage();
        v.setItems(p.rows().stream().map(MessageRpcService::view).toList());
        v.setNextCursor(p.nextCursor());
        return v;
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
        v.setUpdatedAt(m.updatedAt() == null ? null : m.updatedAt().toString());
        if (m.delivery() != null) {
            v.setOutcome(m.delivery().outcome().name());
            v.setProvider(m.delivery().provider());
            v.setProviderCode(m.delivery().code());
            v.setProviderRef(m.delivery().reference());
        }
        return v;
    }
}
