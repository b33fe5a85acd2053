package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.audit.LoginAttempt;

import java.util.Optional;

/**
 * A one-click fix offered next to a recent login attempt, e.g. "allow this origin" for an attempt refused as
 * ORIGIN_NOT_ALLOWED. The button POSTs its action (with both CSRF tokens) to the page; the servlet carries it out.
 * Register an implementation in {@link AdminPageRenderer#ATTEMPT_ACTIONS}.
 */
interface AttemptAction {

    /** The button for this attempt; empty when the action does not apply to it. */
    Optional<ConsoleMarkup.PostButton> buttonFor(LoginAttempt attempt);
}
