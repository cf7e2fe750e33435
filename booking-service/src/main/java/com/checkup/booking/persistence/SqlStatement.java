package com.checkup.booking.persistence;

import java.util.List;

/** One SQL statement and its arguments, built by the repository that owns the table, to be sent with others. */
record SqlStatement(String sql, List<Object> args) {
}
