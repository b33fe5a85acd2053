package org.igniterealtime.openfire.plugin.boshcertauth.revocation;

/**
 * The reasons for which one certificate has been found unrevoked so far, over the CRLs of its distribution points
 * (RFC 5280 §6.3.3: reasons_mask, accumulated until all reasons are covered). A CRL that covers only some reasons
 * (onlySomeReasons) cannot say "good" on its own: only once every reason has been covered is the status good.
 * One per certificate check; not thread-safe (a check runs in one thread).
 */
final class ReasonCoverage {

    private int covered = ReasonMask.NONE;

    /** Adds the reasons of one more CRL that does not list the certificate; true when all reasons are now covered. */
    boolean add(int reasons) {
        covered |= reasons & ReasonMask.ALL;
        return isComplete();
    }

    boolean isComplete() {
        return covered == ReasonMask.ALL;
    }
}
