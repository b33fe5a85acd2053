package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;
import org.igniterealtime.openfire.plugin.boshcertauth.registration.RegisteredCertificates;
import org.igniterealtime.openfire.plugin.boshcertauth.registration.RegistrationLimits;
import org.igniterealtime.openfire.plugin.boshcertauth.session.SessionSupervisor;
import org.jivesoftware.util.TaskEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;
import java.util.TimerTask;

/**
 * Re-reads the registered certificates (XEP-0257) every {@link SessionSupervisor#PERIOD} on Openfire's TaskEngine, while
 * the feature is on (a narrow probe, the whole table only on a change: {@link RegisteredCertificates#refreshIfChanged()}),
 * and ends this node's sessions of every certificate that was disabled or revoked since (on whichever node).
 */
public final class RegistrationRefresh {

    private static final Logger Log = LoggerFactory.getLogger(RegistrationRefresh.class);

    private final TimerTask task;

    private RegistrationRefresh(TimerTask task) {
        this.task = task;
    }

    public static RegistrationRefresh start(RegisteredCertificates registry, SessionSupervisor supervisor) {
        final TimerTask task = new TimerTask() {
            @Override
            public void run() {
                if (!RegistrationLimits.fromSettings().enabled()) {
                    registry.featureSwitched(false); // the list goes stale: it is read again on enabling
                    return; // the feature is off: no table read every few seconds on every node
                }
                try {
                    // a narrow probe first: the whole table, certificates included, only when something changed
                    endStopped(registry.refreshIfChanged(), registry, supervisor, "at the periodic re-read");
                } catch (RuntimeException e) {
                    Log.warn("Re-reading the registered certificates failed this round", e);
                }
            }
        };
        TaskEngine.getInstance().schedule(task, Duration.ofSeconds(1), SessionSupervisor.PERIOD);
        return new RegistrationRefresh(task);
    }

    /** Ends this node's sessions of the certificates a re-read found disabled or revoked ({@code supervisor} null: none yet). */
    public static void endStopped(Set<String> stopped, RegisteredCertificates registry, SessionSupervisor supervisor, String when) {
        if (supervisor == null) {
            return;
        }
        for (String sha256 : stopped) {
            final boolean disabled = registry.bySha256(sha256).isPresent();
            supervisor.endSessionsOf(sha256, disabled ? FailureReason.REGISTRATION_DISABLED : FailureReason.REGISTRATION_REVOKED,
                (disabled ? "disabled" : "revoked") + " (seen " + when + ")");
        }
    }

    public void stop() {
        TaskEngine.getInstance().cancelScheduledTask(task);
    }
}
