package com.checkup.contracts.message;

import java.io.Serializable;

/** A notification and where it is in its life. Times are ISO-8601 UTC instants. */
public class MessageView implements Serializable {
    private static final long serialVersionUID = 1L;

    private String messageId;
    /** the event it answers (with recipient and channel, what makes it unique) */
    private String eventId;
    private String eventType;
    private String hospitalId;
    /** account the message is for */
    private String recipient;
    /** SMS, EMAIL or APP_PUSH */
    private String channel;
    private String body;
    /** PENDING, SENT, DEAD or CANCELLED */
    private String status;
    private int attempts;
    private String lastError;
    /** when it is (next) due */
    private String sendAt;
    private String sentAt;
    private String createdAt;
    /** its last change: for a dead letter, when it gave up (the order dead letters are listed in) */
    private String updatedAt;
    /** the last try as the provider reported it: ACCEPTED, REJECTED or FAILED; null before the first try */
    private String outcome;
    /** which provider: aliyun, smtp, inbox or simulated */
    private String provider;
    /** the provider's own code (Aliyun's Code such as OK or isv.BUSINESS_LIMIT_CONTROL, an SMTP reply code) */
    private String providerCode;
    /** what the provider knows the message by (Aliyun's BizId, the e-mail's Message-ID) */
    private String providerRef;

    public String getMessageId() {
        return messageId;
    }

    public void setMessageId(String messageId) {
        this.messageId = messageId;
    }

    public String getEventId() {
        return eventId;
    }

    public void setEventId(String eventId) {
        this.eventId = eventId;
    }

    public String getEventType() {
        return eventType;
    }

    public void setEventType(String eventType) {
        this.eventType = eventType;
    }

    public String getHospitalId() {
        return hospitalId;
    }

    public void setHospitalId(String hospitalId) {
        this.hospitalId = hospitalId;
    }

    public String getRecipient() {
        return recipient;
    }

    public void setRecipient(String recipient) {
        this.recipient = recipient;
    }

    public String getChannel() {
        return channel;
    }

    public void setChannel(String channel) {
        this.channel = channel;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public int getAttempts() {
        return attempts;
    }

    public void setAttempts(int attempts) {
        this.attempts = attempts;
    }

    public String getLastError() {
        return lastError;
    }

    public void setLastError(String lastError) {
        this.lastError = lastError;
    }

    public String getSendAt() {
        return sendAt;
    }

    public void setSendAt(String sendAt) {
        this.sendAt = sendAt;
    }

    public String getSentAt() {
        return sentAt;
    }

    public void setSentAt(String sentAt) {
        this.sentAt = sentAt;
    }

    public String getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(String createdAt) {
        this.createdAt = createdAt;
    }

    public String getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(String updatedAt) {
        this.updatedAt = updatedAt;
    }

    public String getOutcome() {
        return outcome;
    }

    public void setOutcome(String outcome) {
        this.outcome = outcome;
    }

    public String getProvider() {
        return provider;
    }

    public void setProvider(String provider) {
        this.provider = provider;
    }

    public String getProviderCode() {
        return providerCode;
    }

    public void setProviderCode(String providerCode) {
        this.providerCode = providerCode;
    }

    public String getProviderRef() {
        return providerRef;
    }

    public void setProviderRef(String providerRef) {
        this.providerRef = providerRef;
    }
}
