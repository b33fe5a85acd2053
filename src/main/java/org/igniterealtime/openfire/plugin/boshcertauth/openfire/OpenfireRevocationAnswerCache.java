package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.igniterealtime.openfire.plugin.boshcertauth.revocation.MapSharedRevocationAnswers;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.SharedRevocationAnswers;
import org.jivesoftware.openfire.cluster.ClusterManager;
import org.jivesoftware.util.cache.Cache;
import org.jivesoftware.util.cache.CacheFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * The revocation answers every node of the cluster shares (issue 17): an Openfire cache, which the Hazelcast plugin
 * makes a cluster-wide map while clustering runs and Openfire keeps local otherwise (CacheFactory switches the
 * cache behind the same object when the node joins or leaves).
 *
 * <p>Only JDK types go in: String keys and byte[] values ({@link SharedRevocationAnswers.Answer#encode()}). The
 * Hazelcast plugin deserialises values through its {@code ClusterClassLoader}, which looks a class up in the
 * Hazelcast plugin (and Openfire), then in every other plugin in turn, and its {@code ClusteredCache.put} warns
 * about values of a class from a plugin class loader: a value of one of our classes would be read with whichever
 * plugin's copy of the class comes first, and after a reload of this plugin with the old class loader's class
 * (ClassCastException, and the old class loader kept alive). A byte[] has no such problem.</p>
 *
 * <p>Bounded: {@value #DEFAULT_SIZE_BYTES} bytes (Openfire's {@code cache.NAME.size} property, set to this on the
 * first start unless the administrator has set it; Hazelcast rounds it to whole megabytes per node), at most
 * {@link RevocationService#DEFAULT_CACHE_ENTRIES} entries (answers and the version stamps beside shared CRLs), none
 * bigger than {@value #MAX_ANSWER_BYTES} bytes (a bigger CRL stays in the downloading node's own cache).</p>
 *
 * <p>Lifecycle: {@link #open()} in initializePlugin, {@link #close()} in destroyPlugin. Outside a cluster close
 * destroys the cache. In a cluster it only lets go of it: destroying a Hazelcast map deletes it on every member,
 * which would throw away the answers of the nodes that keep the plugin; the cache holds no class of ours, so what
 * stays behind pins nothing, and the next load gets the same cache back from CacheFactory.</p>
 */
public final class OpenfireRevocationAnswerCache implements SharedRevocationAnswers {

    private static final Logger Log = LoggerFactory.getLogger(OpenfireRevocationAnswerCache.class);

    /** Prefixed with the plugin's name, as Openfire's cache page lists it. */
    public static final String NAME = "boshcertauth-revocation-answers";
    public static final long DEFAULT_SIZE_BYTES = 8L * 1024 * 1024;
    public static final int MAX_ANSWER_BYTES = 1024 * 1024;

    private final SharedRevocationAnswers answers;

    private OpenfireRevocationAnswerCache(SharedRevocationAnswers answers) {
        this.answers = answers;
    }

    /** The cluster's cache, or {@link SharedRevocationAnswers#NONE} when Openfire cannot give one (logged). */
    public static SharedRevocationAnswers open() {
        try {
            if (!CacheFactory.hasMaxSizeFromProperty(NAME)) {
                CacheFactory.setMaxSizeProperty(NAME, DEFAULT_SIZE_BYTES); // Openfire's default (256 KB) holds few CRLs
            }
            final Cache<String, byte[]> cache = CacheFactory.createCache(NAME);
            return new OpenfireRevocationAnswerCache(
                new MapSharedRevocationAnswers(cache, RevocationService.DEFAULT_CACHE_ENTRIES, MAX_ANSWER_BYTES,
                    cache::getLock)); // cluster-wide in a cluster: the Cache's Map methods are not atomic (nor byte[]-equal)
        } catch (RuntimeException | LinkageError e) {
            Log.warn("No shared cache for revocation answers ({}): this node fetches its own CRLs", e.toString());
            return NONE;
        }
    }

    @Override
    public Optional<Answer> get(String key) {
        return answers.get(key);
    }

    @Override
    public boolean put(String key, Answer answer) {
        return answers.put(key, answer);
    }

    @Override
    public Optional<String> stamp(String key) {
        return answers.stamp(key);
    }

    @Override
    public boolean putStamp(String key, String stamp, Predicate<String> replaces) {
        return answers.putStamp(key, stamp, replaces);
    }

    @Override
    public void clear() {
        answers.clear();
    }

    @Override
    public int size() {
        return answers.size();
    }

    @Override
    public void close() {
        try {
            if (!ClusterManager.isClusteringStarted()) {
                CacheFactory.destroyCache(NAME);
            }
        } catch (RuntimeException | LinkageError e) {
            Log.debug("Could not release the cache {}", NAME, e);
        }
    }
}
