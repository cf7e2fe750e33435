package com.checkup.platform.dubbo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.checkup.contracts.context.ContextKeys;
import com.checkup.contracts.context.IdentityAssertion;
import com.checkup.platform.context.CallContext;
import com.checkup.platform.context.InternalIdentity;
import com.checkup.platform.privacy.FieldCipher;
import org.apache.dubbo.common.URL;
import org.apache.dubbo.rpc.Invoker;
import org.apache.dubbo.rpc.RpcInvocation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The caller a provider believes: only one signed with the internal identity key. */
class DubboContextTest {
    private static final Invoker<?> ORDERS = invoker("com.checkup.contracts.order.OrderService");
    private static final Invoker<?> PAYMENTS = invoker("com.checkup.contracts.payment.PaymentService");

    /** Only the invoker's URL matters here: it names the service an assertion is made for. */
    private static Invoker<?> invoker(String iface) {
        Invoker<?> invoker = mock(Invoker.class);
        when(invoker.getUrl()).thenReturn(URL.valueOf("dubbo://127.0.0.1:20880/" + iface + "?interface=" + iface));
        return invoker;
    }

    @Test
    void anAssertionMadeForOneServiceIsNoGoodAtAnother() {
        RpcInvocation inv = new RpcInvocation();
        DubboContext.write(new CallContext("trace-9", null, "SYSTEM", null, "booking-service"), ORDERS, inv);
        assertThat(DubboContext.read(ORDERS, inv).persona()).isEqualTo("SYSTEM");
        assertThat(DubboContext.read(PAYMENTS, inv).persona()).isNull();
    }

    @BeforeAll
    static void key() {
        InternalIdentity.install(FieldCipher.newKey());
    }

    @Test
    void aSignedCallerIsBelievedAndTravelsOn() {
        RpcInvocation inv = new RpcInvocation();
        DubboContext.write(new CallContext("trace-1", "gray", "DESK", "H001", "desk.h001"), ORDERS, inv);
        assertThat(inv.getAttachment(IdentityAssertion.ATTACHMENT)).startsWith("v1.");

        CallContext read = DubboContext.read(ORDERS, inv);
        assertThat(read.persona()).isEqualTo("DESK");
        assertThat(read.tenantId()).isEqualTo("H001");
        assertThat(read.userId()).isEqualTo("desk.h001");
        assertThat(read.lane()).isEqualTo("gray");
    }

    @Test
    void duringAKeyRotationCallersSignedWithEitherKeyAreBelieved() {
        String oldKey = FieldCipher.newKey();
        String newKey = FieldCipher.newKey();
        try {
            InternalIdentity.install(oldKey);
            RpcInvocation byOld = new RpcInvocation();
            DubboContext.write(new CallContext("trace-r1", null, "OPS", null, "ops1"), ORDERS, byOld);
            InternalIdentity.install(newKey);
            RpcInvocation byNew = new RpcInvocation();
            DubboContext.write(new CallContext("trace-r2", null, "OPS", null, "ops1"), ORDERS, byNew);

            // a provider past step 2 (signs with the new key, still believes the old)
            InternalIdentity.install(newKey, java.util.List.of(oldKey));
            assertThat(DubboContext.read(ORDERS, byOld).persona()).isEqualTo("OPS");
            assertThat(DubboContext.read(ORDERS, byNew).persona()).isEqualTo("OPS");
            // after step 3 the old key's callers are anonymous
            InternalIdentity.install(newKey);
            assertThat(DubboContext.read(ORDERS, byOld).persona()).isNull();
            assertThat(DubboContext.read(ORDERS, byNew).persona()).isEqualTo("OPS");
        } finally {
            key();
        }
    }

    @Test
    void plainAttachmentsAreAnonymous() {
        RpcInvocation inv = new RpcInvocation();
        inv.setAttachment(ContextKeys.TRACE_ID, "t");
        inv.setAttachment(ContextKeys.PERSONA, "SYSTEM");
        inv.setAttachment(ContextKeys.USER_ID, "booking-service");
        CallContext read = DubboContext.read(ORDERS, inv);
        assertThat(read.persona()).isNull();
        assertThat(read.userId()).isNull();
        assertThat(read.traceId()).isEqualTo("t");
    }

    @Test
    void aSignatureDoesNotCoverChangedValues() {
        RpcInvocation inv = new RpcInvocation();
        DubboContext.write(new CallContext("trace-2", null, "DESK", "H001", "desk.h001"), ORDERS, inv);
        inv.setAttachment(ContextKeys.TENANT_ID, "H002");
        assertThat(DubboContext.read(ORDERS, inv).persona()).isNull();

        RpcInvocation promoted = new RpcInvocation();
        DubboContext.write(new CallContext("trace-3", null, "CONSUMER", null, "consumer1"), ORDERS, promoted);
        promoted.setAttachment(ContextKeys.PERSONA, "OPS");
        assertThat(DubboContext.read(ORDERS, promoted).persona()).isNull();

        RpcInvocation badTrace = new RpcInvocation();
        DubboContext.write(new CallContext("trace-4", null, "OPS", null, "ops1"), ORDERS, badTrace);
        badTrace.setAttachment(ContextKeys.TRACE_ID, "bad trace\nid");
        CallContext read = DubboContext.read(ORDERS, badTrace);
        assertThat(read.persona()).isNull();
        assertThat(read.traceId()).doesNotContain("\n");
    }

    @Test
    void anAnonymousContextSendsNoCaller() {
        RpcInvocation inv = new RpcInvocation();
        inv.setAttachment(ContextKeys.PERSONA, "OPS");
        inv.setAttachment(IdentityAssertion.ATTACHMENT, "v1.1.x");
        DubboContext.write(new CallContext("t", null, null, null, null), ORDERS, inv);
        assertThat(inv.getAttachment(ContextKeys.PERSONA)).isNull();
        assertThat(inv.getAttachment(IdentityAssertion.ATTACHMENT)).isNull();
    }
}
