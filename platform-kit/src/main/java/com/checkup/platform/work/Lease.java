package com.checkup.platform.work;

/**
 * An item of leased work with the claim it was taken under. Its outcome is written only while the claim is still this
 * one: a lease that lapsed (a slow or dead worker) may have been claimed again by someone else, whose write wins.
 */
public record Lease<T>(T item, String token) {
}
