package com.checkup.message.app;

import java.util.Map;

/** The catalogue's names (booking-service): what a notice needs to be worded without another call. */
public interface Catalogue {
    /** hospital id → name */
    Map<String, String> hospitals();

    /** package id → name, of one hospital */
    Map<String, String> packages(String hospitalId);
}
