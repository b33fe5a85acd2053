package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.igniterealtime.openfire.plugin.boshcertauth.identity.DirectoryQuery;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.DirectoryUnavailableException;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.UserDirectory;
import org.jivesoftware.database.DbConnectionManager;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Looks users up in Openfire's default user store by user property (table {@code ofUserProp}: the attribute is the
 * property name, the value must equal it exactly, e.g. a SHA-256 thumbprint in lower-case hex). A prepared statement:
 * certificate values never become SQL. Binary assertions (userCertificate) cannot match a property and are left out.
 */
public final class UserPropertyDirectory implements UserDirectory {

    static final String QUERY = "SELECT username FROM ofUserProp WHERE name=? AND propValue=?";

    @Override
    public List<String> usernames(DirectoryQuery query, int limit) {
        final Set<String> usernames = new LinkedHashSet<>();
        Connection connection = null;
        try {
            connection = DbConnectionManager.getConnection();
            for (DirectoryQuery.Assertion assertion : query.anyOf()) {
                if (assertion.isBinary()) {
                    continue;
                }
                PreparedStatement statement = null;
                ResultSet result = null;
                try {
                    statement = connection.prepareStatement(QUERY);
                    statement.setMaxRows(limit);
                    statement.setString(1, assertion.attribute());
                    statement.setString(2, assertion.text());
                    result = statement.executeQuery();
                    while (result.next() && usernames.size() < limit) {
                        usernames.add(result.getString(1));
                    }
                } finally {
                    DbConnectionManager.closeConnection(result, statement, null);
                }
            }
        } catch (SQLException | RuntimeException e) {
            throw new DirectoryUnavailableException("user property look-up failed: " + e, e);
        } finally {
            DbConnectionManager.closeConnection(null, null, connection);
        }
        return List.copyOf(usernames);
    }

    @Override
    public String describe() {
        return "Openfire's user properties";
    }
}
