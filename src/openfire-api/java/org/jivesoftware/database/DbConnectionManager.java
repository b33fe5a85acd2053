// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.database;

import java.sql.Connection;
import java.sql.SQLException;

public class DbConnectionManager {
    private DbConnectionManager() { throw new UnsupportedOperationException("compile-only declaration"); }

    public static Connection getConnection() throws SQLException { throw new UnsupportedOperationException(); }
}
