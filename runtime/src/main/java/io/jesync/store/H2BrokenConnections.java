package io.jesync.store;

import java.sql.SQLException;

import com.zaxxer.hikari.SQLExceptionOverride;

/**
 * Tells the pool that a connection to an H2 server that went away is dead. H2 reports it with its own codes, not
 * the SQL state class 08 the pool looks for, so without this the pool kept handing out the broken connections after
 * the server came back, and the store stayed unreachable until each had failed its way out.
 */
public final class H2BrokenConnections implements SQLExceptionOverride {
    /** H2's ErrorCode.CONNECTION_BROKEN_1 and DATABASE_CALLED_AT_SHUTDOWN ("Database is already closed"). */
    private static final int CONNECTION_BROKEN = 90067;
    private static final int DATABASE_CLOSED = 90121;

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql
                    && (sql.getErrorCode() == CONNECTION_BROKEN || sql.getErrorCode() == DATABASE_CLOSED)) {
                return Override.MUST_EVICT;
            }
        }
        return Override.CONTINUE_EVICT;
    }
}
