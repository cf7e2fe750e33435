package com.checkup.message.rpc;

import com.checkup.contracts.context.Persona;
import com.checkup.contracts.error.BusinessException;
import com.checkup.contracts.error.ErrorCode;
import com.checkup.contracts.message.InboxPage;
import com.checkup.contracts.message.InboxService;
import com.checkup.message.app.Inbox;
import com.checkup.platform.context.CallContext;
import com.checkup.platform.context.Callers;
import java.util.concurrent.CompletableFuture;
import org.apache.dubbo.config.annotation.DubboService;

/**
 * Dubbo adapter of the inbox: an asynchronous provider (the method returns at once; the call is answered when the
 * future completes, no thread held meanwhile). The timeout its callers get by default covers the longest wait.
 */
@DubboService(timeout = InboxRpcService.TIMEOUT_MS)
public class InboxRpcService implements InboxService {
    /** The longest wait (25 s) plus a margin for the answer's way back. */
    static final int TIMEOUT_MS = (MAX_WAIT_SECONDS + 5) * 1000;

    private final Inbox inbox;

    public InboxRpcService(Inbox inbox) {
        this.inbox = inbox;
    }

    @Override
    public CompletableFuture<InboxPage> poll(String after, Integer waitSeconds) {
        CallContext caller = Callers.require(Persona.CONSUMER, Persona.TESTER);
        if (caller.userId() == null) {
            throw new BusinessException(ErrorCode.UNAUTHENTICATED, "A signed-in user is required");
        }
        return inbox.poll(caller.userId(), after, waitSeconds);
    }
}
