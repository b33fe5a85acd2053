package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.igniterealtime.openfire.plugin.boshcertauth.cluster.StoredProperties;
import org.jivesoftware.database.DbConnectionManager;
import org.jivesoftware.util.JiveGlobals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Openfire's properties read straight from its table {@code ofProperty} (the database every cluster node shares),
 * bypassing this node's in-memory copy. An encrypted property's stored form is not its value: it is given as this node's
 * own view (so it never reads as deleted).
 */
public final class DatabaseProperties implements StoredProperties {

    public static final DatabaseProperties INSTANCE = new DatabaseProperties();

    private static final Logger Log = LoggerFactory.getLogger(DatabaseProperties.class);
    private static final String SELECT = "SELECT name, propValue, encrypted FROM ofProperty";

    private DatabaseProperties() {}

    @Override
    public Optional<Map<String, String>> read(Predicate<String> names) {
        final Map<String, String> result = new HashMap<>();
        try (Connection connection = DbConnectionManager.getConnection();
             PreparedStatement statement = connection.prepareStatement(SELECT);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                final String name = rows.getString(1);
                if (name == null || !names.test(name)) {
                    continue;
                }
                // An encrypted row's stored form is not its value, and this node cannot tell whether it is stale: it
                // counts as agreeing with this node's view. Leaving it out would read as "deleted in the database",
                // and the reconciler would delete the setting on every node (reset to its default).
                result.put(name, rows.getInt(3) == 0 ? rows.getString(2) : JiveGlobals.getProperty(name));
            }
            return Optional.of(result);
        } catch (SQLException | RuntimeException e) {
            Log.warn("Could not read Openfire's properties from the database", e);
            return Optional.empty();
        }
    }
}
