package com.checkup.fulfillment.domain;

import java.time.Instant;

/** A booking's current report: the PDF's name, size and hash, where it is stored, and who uploaded it when. */
public record Report(String id, String bookingId, String hospitalId, String consumerId, String fileName, String contentType,
                     long sizeBytes, String sha256, String storageKey, String uploadedBy, Instant uploadedAt) {
}
