package org.igniterealtime.openfire.plugin.boshcertauth.registration;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link RegistrationStore} in memory, for tests of the protocol core; {@link #failing} makes every call fail. */
public final class InMemoryRegistrationStore implements RegistrationStore {

    private final List<RegisteredCertificate> rows = new ArrayList<>();
    public volatile boolean failing;

    @Override
    public synchronized List<RegisteredCertificate> all() throws SQLException {
        check();
        return List.copyOf(rows);
    }

    @Override
    public synchronized List<RegisteredCertificate> of(String username) throws SQLException {
        check();
        return rows.stream().filter(r -> r.username().equals(username)).sorted(Comparator.comparingLong(RegisteredCertificate::addedAtMillis)).toList();
    }

    @Override
    public synchronized boolean add(RegisteredCertificate entry) throws SQLException {
        check();
        if (rows.stream().anyMatch(r -> r.sha256().equals(entry.sha256()) || (r.username().equals(entry.username()) && r.name().equals(entry.name())))) {
            return false;
        }
        return rows.add(entry);
    }

    @Override
    public synchronized boolean disable(String username, String name) throws SQLException {
        check();
        for (int i = 0; i < rows.size(); i++) {
            final RegisteredCertificate r = rows.get(i);
            if (r.username().equals(username) && r.name().equals(name)) {
                rows.set(i, r.disabled());
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized boolean remove(String username, String name) throws SQLException {
        check();
        return rows.removeIf(r -> r.username().equals(username) && r.name().equals(name));
    }

    private void check() throws SQLException {
        if (failing) {
            throw new SQLException("database down (test)");
        }
    }
}
