package com.checkup.payment.rpc;

import com.checkup.contracts.payment.PaymentService;
import com.checkup.contracts.payment.PaymentView;
import com.checkup.payment.app.PaymentCommands;
import com.checkup.payment.domain.Payment;
import com.checkup.payment.domain.SignedNotification;
import org.apache.dubbo.config.annotation.DubboService;

/** Dubbo adapter: maps and delegates. */
@DubboService
public class PaymentRpcService implements PaymentService {
    private final PaymentCommands commands;

    public PaymentRpcService(PaymentCommands commands) {
        this.commands = commands;
    }

    @Override
    public PaymentView pay(String orderId, String channel) {
        return view(commands.pay(orderId, channel));
    }

    @Override
    public PaymentView payFrom(String orderId, String channel, String payerAddress) {
        return view(commands.pay(orderId, channel, payerAddress));
    }

    @Override
    public PaymentView get(String paymentId) {
        return view(commands.get(paymentId));
    }

    @Override
    public PaymentView refund(String paymentId, String reason) {
        return view(commands.refund(paymentId, reason));
    }

    @Override
    public String callback(String channel, String body, String signature) {
        return commands.callback(channel, body, signature);
    }

    @Override
    public String notification(String channel, String body, String serial, String signature, String timestamp,
                               String nonce, String signatureType) {
        return commands.notification(channel, new SignedNotification(body, serial, signature, timestamp, nonce, signatureType));
    }

    static PaymentView view(Payment p) {
        PaymentView v = new PaymentView();
        v.setPaymentId(p.id());
        v.setOrderId(p.orderId());
        v.setChannel(p.channel());
        v.setAmountCents(p.amountCents());
        v.setStatus(p.status());
        v.setChannelTxnId(p.channelTxnId());
        v.setCreatedAt(p.createdAt().toString());
        v.setUpdatedAt(p.updatedAt().toString());
        v.setPayUrl(p.payUrl());
        return v;
    }
}
