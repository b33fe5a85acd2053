package org.igniterealtime.openfire.plugin.boshcertauth.session;

/**
 * The Openfire session behind a live certificate session, as far as this plugin may touch it: ask whether it is still
 * open, and end it. Implemented in the openfire package (the only one that knows Openfire's session classes).
 */
public interface SessionHandle {

    boolean isClosed();

    /**
     * Sends the client a stream error it understands (RFC 6120 §4.9.3.14 {@code policy-violation} with this text) and
     * closes the session. Never throws for a session that is already gone.
     */
    void end(String text);
}
