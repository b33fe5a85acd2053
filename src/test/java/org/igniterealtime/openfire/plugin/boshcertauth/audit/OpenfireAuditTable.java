package org.igniterealtime.openfire.plugin.boshcertauth.audit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for Openfire's {@code ofSecurityAuditLog} table behind {@code SecurityAuditManager.logEvent}: it refuses a
 * row as the strictest of Openfire's databases would (sizes from Openfire's {@code openfire_*.sql}, counted in UTF-8
 * bytes as Oracle does; "" is NULL in Oracle; MySQL's 3-byte utf8 refuses characters outside the BMP), and keeps the
 * rows it accepts.
 */
final class OpenfireAuditTable implements AuditTrail.SecurityAuditSink {

    record Row(String username, String summary, String details) {}

    final List<Row> rows = new ArrayList<>();
    final List<String> refused = new ArrayList<>();

    @Override
    public void logEvent(String username, String summary, String details) {
        final String problem = column("username", username, 64, false) + column("summary", summary, 255, false)
            + column("details", details, 4000, true);
        if (!problem.isEmpty()) {
            refused.add(problem);
            // What DefaultSecurityAuditProvider does with the SQLException: log it and lose the row.
            return;
        }
        rows.add(new Row(username, summary, details));
    }

    private static String column(String name, String value, int maxBytes, boolean nullable) {
        if (value == null || value.isEmpty()) {
            return nullable ? "" : name + " is NULL; ";
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            return name + " longer than " + maxBytes + " bytes; ";
        }
        if (value.codePoints().anyMatch(c -> c > 0xFFFF) || value.chars().anyMatch(c -> Character.isSurrogate((char) c))) {
            return name + " has characters utf8mb3 cannot store; ";
        }
        return "";
    }

    Row only() {
        if (rows.size() != 1) {
            throw new AssertionError("expected one row, got " + rows + ", refused " + refused);
        }
        return rows.get(0);
    }
}
