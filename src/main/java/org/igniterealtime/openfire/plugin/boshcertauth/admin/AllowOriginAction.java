package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.audit.LoginAttempt;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.FailureReason;

import java.util.Map;
import java.util.Optional;

/**
 * "Allow this origin" next to an attempt refused as ORIGIN_NOT_ALLOWED that named a valid origin: adds it to
 * boshcertauth.web.allowed-origins (the servlet re-validates the submitted origin; the admin decides, the page only
 * saves typing it).
 */
final class AllowOriginAction implements AttemptAction {

    static final String ACTION = "allow-origin";
    static final String ORIGIN_PARAMETER = "origin";

    @Override
    public Optional<ConsoleMarkup.PostButton> buttonFor(LoginAttempt attempt) {
        if (attempt.reason() != FailureReason.ORIGIN_NOT_ALLOWED || attempt.origin().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ConsoleMarkup.PostButton(ACTION, "attempts.allow-origin.button",
            Map.of(ORIGIN_PARAMETER, attempt.origin()), null));
    }
}
