// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

public class DbConnectionManager {
    public DbConnectionManager() { throw new UnsupportedOperationException("compile-only declaration"); }

    public static Connection getConnection() throws SQLException { throw new UnsupportedOperationException(); }
    public static void closeConnection(ResultSet resultSet, Statement statement, Connection connection) { throw new UnsupportedOperationException(); }
}
