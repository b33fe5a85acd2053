package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the revocation checks of one validation found besides pass/fail: the earliest nextUpdate of the answers relied
 * on (a success must not be reused past it) and the certificates whose status stayed unknown (soft-fail).
 * One instance per validation, shared by the checker's clones.
 */
public final class RevocationFindings {

    private Instant earliestNextUpdate;
    private final List<String> unknown = new ArrayList<>();

    synchronized void good(Instant nextUpdate) {
        if (nextUpdate != null && (earliestNextUpdate == null || nextUpdate.isBefore(earliestNextUpdate))) {
            earliestNextUpdate = nextUpdate;
        }
    }

    synchronized void unknown(String detail) {
        unknown.add(detail);
    }

    public synchronized Instant earliestNextUpdate() {
        return earliestNextUpdate;
    }

    public synchronized List<String> unknown() {
        return List.copyOf(unknown);
    }
}
