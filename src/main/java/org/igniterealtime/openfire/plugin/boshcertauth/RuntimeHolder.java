package org.igniterealtime.openfire.plugin.boshcertauth;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificateVerifier;
import org.igniterealtime.openfire.plugin.boshcertauth.config.ConfigurationLoader;
import org.igniterealtime.openfire.plugin.boshcertauth.config.PluginConfiguration;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.DirectoryLookups;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.RegisteredIdentities;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Holds the current {@link PluginRuntime} and replaces it atomically when the configuration changes. The revocation
 * service outlives configurations (its OCSP/CRL caches are flushed on every reload); verdicts do not (new verifier).
 */
public final class RuntimeHolder implements Supplier<PluginRuntime> {

    private static final Logger Log = LoggerFactory.getLogger(RuntimeHolder.class);

    private final ConfigurationLoader loader;
    private final RevocationService revocation;
    private final Clock clock;
    private final Consumer<PluginConfiguration> onChange;
    private final Optional<DirectoryLookups> directory;
    private final RegisteredIdentities registered;
    private final AtomicReference<PluginRuntime> current = new AtomicReference<>();
    private volatile List<String> lastWarnings = List.of();
    private volatile List<String> lastNotes = List.of();

    public RuntimeHolder(ConfigurationLoader loader, RevocationService revocation, Clock clock, Consumer<PluginConfiguration> onChange) {
        this(loader, revocation, clock, onChange, Optional.empty());
    }

    /** With the user directory that directory mapping asks (issue 19); its answers are flushed on every reload too. */
    public RuntimeHolder(ConfigurationLoader loader, RevocationService revocation, Clock clock, Consumer<PluginConfiguration> onChange,
                         Optional<DirectoryLookups> directory) {
        this(loader, revocation, clock, onChange, directory, RegisteredIdentities.NONE);
    }

    /** With the certificates users registered in-band (XEP-0257), which every verifier built here consults. */
    public RuntimeHolder(ConfigurationLoader loader, RevocationService revocation, Clock clock, Consumer<PluginConfiguration> onChange,
                         Optional<DirectoryLookups> directory, RegisteredIdentities registered) {
        this.registered = registered;
        this.directory = directory;
        this.loader = loader;
        this.revocation = revocation;
        this.clock = clock;
        this.onChange = onChange;
        reload();
    }

    @Override
    public PluginRuntime get() {
        return current.get();
    }

    /** Rebuilds the configuration and verifier from the current settings; a failed rebuild keeps the previous one. */
    public synchronized void reload() {
        try {
            final PluginConfiguration configuration = loader.load();
            // "Changing any setting starts afresh" (readme.html). Revocation answers first: a login between the two
            // steps would otherwise cache a verdict of the new verifier computed from a stale answer.
            revocation.flush();
            directory.ifPresent(DirectoryLookups::flush);
            current.set(new PluginRuntime(configuration, new CertificateVerifier(configuration.policy(), revocation, clock, directory, registered)));
            if (!configuration.warnings().equals(lastWarnings)) {
                configuration.warnings().forEach(w -> Log.warn("Certificate policy: {}", w));
                lastWarnings = configuration.warnings();
            }
            if (!configuration.notes().equals(lastNotes)) {
                configuration.notes().forEach(n -> Log.info("Certificate policy: {}", n));
                lastNotes = configuration.notes();
            }
            onChange.accept(configuration);
            Log.debug("Certificate policy generation {} in effect", configuration.policy().generation());
        } catch (RuntimeException e) {
            if (current.get() == null) {
                throw e;
            }
            Log.error("Could not apply the changed settings; the previous certificate policy stays in effect", e);
        }
    }

    public RevocationService revocation() {
        return revocation;
    }
}
