package org.igniterealtime.openfire.plugin.boshcertauth.sasl;

/** Which SASL mechanisms a BOSH session that presented a valid client certificate is offered. */
public enum MechanismOffer {
    /**
     * Only EXTERNAL. Clients such as Strophe.js rank SCRAM above EXTERNAL and never try the certificate while a
     * password mechanism is offered; sessions without a (valid) certificate keep Openfire's full list.
     */
    EXTERNAL_ONLY,
    /** Openfire's list, unchanged. */
    ALL
}
