package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.igniterealtime.openfire.plugin.boshcertauth.cluster.StoredProperties;
import org.jivesoftware.database.DbConnectionManager;
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
 * bypassing this node's in-memory copy. Encrypted properties are left out: the plugin stores none, and their stored
 * form is not the value.
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
                if (name != null && names.test(name) && rows.getInt(3) == 0) {
                    result.put(name, rows.getString(2));
                }
            }
            return Optional.of(result);
        } catch (SQLException | RuntimeException e) {
            Log.warn("Could not read Openfire's properties from the database", e);
            return Optional.empty();
        }
    }
}
