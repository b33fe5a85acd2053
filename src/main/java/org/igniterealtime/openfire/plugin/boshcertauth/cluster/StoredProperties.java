package org.igniterealtime.openfire.plugin.boshcertauth.cluster;

import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Openfire's properties as the shared database holds them, not as this node's in-memory copy has them. In a cluster
 * the two can differ: a node that was starting, not yet a member, when another node changed a property never heard of
 * the change (Openfire tells the members only).
 */
public interface StoredProperties {

    /**
     * Every stored property whose name passes the filter (list children such as {@code sasl.mechs.00001} included);
     * empty when the database cannot be read (then the node's own view is all there is).
     */
    Optional<Map<String, String>> read(Predicate<String> names);

    /** No database (unit tests). */
    StoredProperties NONE = names -> Optional.empty();
}
