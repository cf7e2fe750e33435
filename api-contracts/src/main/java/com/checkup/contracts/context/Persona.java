package com.checkup.contracts.context;

/** Who is calling; decides the routes a user may use and the scope a service enforces. */
public enum Persona {
    CONSUMER,
    /** Hospital front desk; tenant = hospital id. */
    DESK,
    /** Corporate HR; tenant = company id. Never sees medical results. */
    HR,
    OPS,
    TESTER,
    /** A service acting on its own (jobs, event handlers), not on behalf of a person. */
    SYSTEM
}
