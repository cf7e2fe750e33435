package com.checkup.platform.spring.it;

/** A service contract for the auto-configuration test. */
public interface Greeter {
    /** Stores a greeting and announces it (event {@code greeting.stored}) in one transaction. */
    String greet(String name);

    /** Fails like a bug would. */
    String fail();
}
