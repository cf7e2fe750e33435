package com.checkup.localplatform;

/** A start-up problem with a message written for the person at the terminal (no stack trace). */
public class StartupException extends Exception {
    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
