package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.registration.CertificateManagement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The POST actions of {@link RegisteredCertificatesSection}: disable or revoke a user's registered certificate (XEP-0257),
 * which ends its sessions on this node at once and on the others at their next re-read. The user and name come from
 * the form and are looked up again; each action is logged and written to Openfire's security audit log.
 */
final class RegistrationActions {

    private static final Logger Log = LoggerFactory.getLogger(RegistrationActions.class);

    static final String DISABLE = "disable-registered";
    static final String REVOKE = "revoke-registered";
    static final String USER_PARAMETER = "user";
    static final String NAME_PARAMETER = "name";

    private final AdminEnvironment environment;

    RegistrationActions(AdminEnvironment environment) {
        this.environment = environment;
    }

    static boolean handles(String action) {
        return DISABLE.equals(action) || REVOKE.equals(action);
    }

    SessionActions.Outcome perform(String action, Function<String, String> parameters, String admin) {
        final Optional<CertificateManagement> management = environment.certificateManagement();
        if (management.isEmpty()) {
            return SessionActions.Outcome.refused("registered.not-loaded");
        }
        final String user = parameters.apply(USER_PARAMETER);
        final String name = parameters.apply(NAME_PARAMETER);
        if (user == null || name == null) {
            return SessionActions.Outcome.refused("registered.gone");
        }
        final boolean revoke = REVOKE.equals(action);
        try {
            if (revoke) {
                management.get().revoke(user, name, "admin " + admin);
            } else {
                management.get().disable(user, name, "admin " + admin);
            }
        } catch (CertificateManagement.Refusal e) {
            return SessionActions.Outcome.refused("registered.gone");
        } catch (SQLException | RuntimeException e) {
            Log.warn("Could not change the registered certificate '{}' of {}", name, user, e);
            return SessionActions.Outcome.refused("registered.failed", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        try {
            environment.audit(admin, (revoke ? "Revoked" : "Disabled") + " a registered certificate (XEP-0257) of " + user, "name: " + name);
        } catch (RuntimeException e) {
            Log.warn("Could not write the change of a registered certificate to Openfire's security audit log", e);
        }
        return SessionActions.Outcome.done(revoke ? "registered.revoke.done" : "registered.disable.done", name, user);
    }
}
