package org.igniterealtime.openfire.plugin.boshcertauth.certificate;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules.CertificateRule;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules.ChainContext;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.rules.ChainLengthRule;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.AuthorizationIdentityResolver;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.CandidateExplanation;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.CertificateIdentities;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.DirectoryLookups;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.DirectoryUnavailableException;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.IdentityExtractor;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.IdentitySource;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.RegisteredIdentities;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.MalformedSubjectAltNameException;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The certificate core's entry point: judges a client certificate chain (leaf first, as JSSE hands it over) under one
 * immutable {@link CertificatePolicy}, and matches its identities to the requested authorization identity (XEP-0178).
 *
 * <p>The path judged is built from the presented certificates and the truststore ({@link CertificationPathBuilder}:
 * any order, extraneous certificates ignored, shortest first; the first path that passes wins). Verdict indices refer
 * to that path, which a refusal's detail lists when it differs from the chain as presented; the verdict carries the
 * path it was reached on ({@link Verdict#judgedPath()}), which the identity step then uses.</p>
 *
 * <p>The chain rules are those the policy composes ({@link CertificatePolicy#chainRules}); they run in this order, the
 * first failure wins: chain length, well-formedness, validity, trust anchor (and its name constraints), leaf is no CA,
 * keyUsage, extendedKeyUsage, algorithm
 * floor, self-signed leaf, PKIX path with revocation. Settings from the Openfire 4 era map onto policy flags:</p>
 * <ul>
 *   <li>{@code verifyChain=false}: no PKIX path validation (and so no revocation checking, which needs a verified
 *       issuer); the leaf's own rules (validity, CA flag, key usages, algorithms, self-signed) still apply.</li>
 *   <li>{@code verifyRoot=false}: a chain that ends in an untrusted self-signed root is accepted when it is otherwise
 *       consistent.</li>
 *   <li>{@code verifyValidity=false}: notBefore/notAfter are not checked; such a success is reused for at most
 *       {@link #UNBOUNDED_LIFETIME}.</li>
 * </ul>
 *
 * <p>Verdicts are cached ({@link VerdictCache}); a hit costs a SHA-256 over the chain and a map lookup. Thread-safe.</p>
 */
public final class CertificateVerifier {

    private static final Logger Log = LoggerFactory.getLogger(CertificateVerifier.class);

    /** Reuse of a success whose certificates' validity is not checked (verifyValidity off). */
    static final Duration UNBOUNDED_LIFETIME = Duration.ofHours(1);
    /** Reuse of a success that soft-failed a revocation check, so the check is soon tried again. */
    static final Duration SOFT_FAIL_LIFETIME = VerdictCache.TRANSIENT_FAILURE_LIFETIME;

    private final CertificatePolicy policy;
    private final List<CertificateRule> rules;
    private final Set<X509Certificate> trusted;
    private final CertificationPathBuilder pathBuilder;
    private final Clock clock;
    private final VerdictCache cache;
    private final IdentityExtractor identities;
    private final AuthorizationIdentityResolver resolver;
    private final RevocationService revocation;
    private final Optional<DirectoryLookups> directory;
    /** XEP-0257: certificates users registered for themselves, asked before every identity source. */
    private final RegisteredIdentities registered;
    /** The same policy accepting self-signed leaves: used only for a self-signed certificate registered by its owner. */
    private volatile CertificateVerifier selfSignedRegistered;

    public CertificateVerifier(CertificatePolicy policy, RevocationService revocation, Clock clock) {
        this(policy, revocation, clock, new VerdictCache(VerdictCache.DEFAULT_CAPACITY));
    }

    /** With the user directory that the policy's directory mapping asks (issue 19). */
    public CertificateVerifier(CertificatePolicy policy, RevocationService revocation, Clock clock, Optional<DirectoryLookups> directory) {
        this(policy, revocation, clock, new VerdictCache(VerdictCache.DEFAULT_CAPACITY), directory);
    }

    /** With the user directory, and the certificates users registered in-band (XEP-0257; NONE when the feature is off). */
    public CertificateVerifier(CertificatePolicy policy, RevocationService revocation, Clock clock, Optional<DirectoryLookups> directory,
                               RegisteredIdentities registered) {
        this(policy, revocation, clock, new VerdictCache(VerdictCache.DEFAULT_CAPACITY), directory, registered);
    }

    /** With a cache shared between verifiers (e.g. of successive policies; the generation keeps them apart). */
    CertificateVerifier(CertificatePolicy policy, RevocationService revocation, Clock clock, VerdictCache cache) {
        this(policy, revocation, clock, cache, Optional.empty());
    }

    private CertificateVerifier(CertificatePolicy policy, RevocationService revocation, Clock clock, VerdictCache cache,
                                Optional<DirectoryLookups> directory) {
        this(policy, revocation, clock, cache, directory, RegisteredIdentities.NONE);
    }

    private CertificateVerifier(CertificatePolicy policy, RevocationService revocation, Clock clock, VerdictCache cache,
                                Optional<DirectoryLookups> directory, RegisteredIdentities registered) {
        this.registered = Objects.requireNonNull(registered);
        this.revocation = revocation;
        this.directory = directory;
        this.policy = Objects.requireNonNull(policy);
        this.rules = policy.chainRules(Objects.requireNonNull(revocation));
        this.trusted = policy.trustedCertificatesAndAnchors();
        this.pathBuilder = new CertificationPathBuilder(trusted, 2 * policy.maxChainLength());
        this.clock = Objects.requireNonNull(clock);
        this.cache = Objects.requireNonNull(cache);
        this.identities = IdentityExtractor.forPolicy(policy, directory);
        this.resolver = new AuthorizationIdentityResolver(policy);
    }

    public CertificatePolicy policy() {
        return policy;
    }

    /** Chain-level checks only; a success carries no JID. */
    public Verdict verifyChain(List<X509Certificate> chain) {
        final Optional<Verdict> unusable = unusableChain(chain);
        if (unusable.isPresent()) {
            return unusable.get();
        }
        final RegisteredIdentities.Lookup registration = registration(chain);
        if (registration.registered() && registration.enabled() && registration.selfSignedTrusted()
            && ChainContext.isSelfSigned(chain.get(0))) {
            return selfSignedRegistered().verifyChain(chain);
        }
        final Instant now = clock.instant();
        try {
            return cached(VerdictCache.Key.forChain(chain, policy.generation()), now, () -> evaluateChain(chain, now));
        } catch (CertificateEncodingException | RuntimeException e) {
            return malformedOrInternal(e);
        }
    }

    /** Chain checks plus XEP-0178 identity: a success carries the bare JID that may log in. */
    public Verdict authenticate(List<X509Certificate> chain, String authzid) {
        final Optional<Verdict> unusable = unusableChain(chain);
        if (unusable.isPresent()) {
            return unusable.get();
        }
        final RegisteredIdentities.Lookup registration = registration(chain);
        if (registration.unavailable()) {
            return Verdict.failure(FailureReason.REGISTRATIONS_UNAVAILABLE, 0, "refused until the registered certificates can be read");
        }
        if (registration.registered()) {
            return authenticateRegistered(chain, authzid, registration); // never cached: a registration changes at any time
        }
        final Instant now = clock.instant();
        try {
            return cached(VerdictCache.Key.forIdentity(chain, policy.generation(), authzid), now, () -> {
                final Verdict chainVerdict = verifyChain(chain);
                return chainVerdict.isSuccess() ? evaluateIdentity(chain, authzid, chainVerdict) : chainVerdict;
            });
        } catch (CertificateEncodingException | RuntimeException e) {
            return malformedOrInternal(e);
        }
    }

    /**
     * The chain rules for a certificate a user wants to register (XEP-0257 append): as {@link #verifyChain}, except that a
     * self-signed leaf is accepted as its own trust anchor when {@code selfSignedAllowed}.
     */
    public Verdict verifyForRegistration(List<X509Certificate> chain, boolean selfSignedAllowed) {
        final Optional<Verdict> unusable = unusableChain(chain);
        if (unusable.isPresent()) {
            return unusable.get();
        }
        return selfSignedAllowed && ChainContext.isSelfSigned(chain.get(0)) ? selfSignedRegistered().verifyChain(chain) : verifyChain(chain);
    }

    /** A registered certificate: the chain rules as for any certificate, then its owner as the one identity (XEP-0178 authzid rules). */
    private Verdict authenticateRegistered(List<X509Certificate> chain, String authzid, RegisteredIdentities.Lookup registration) {
        if (!registration.enabled()) {
            return Verdict.failure(FailureReason.REGISTRATION_DISABLED, 0, "the certificate '" + registration.name() + "' registered by "
                + registration.owner() + " is disabled");
        }
        final Verdict chainVerdict = verifyChain(chain);
        if (!chainVerdict.isSuccess()) {
            return chainVerdict;
        }
        // a registration of an earlier account of the owner's name (e.g. deleted from LDAP) is not the owner's (review M5)
        final Optional<String> stale;
        try {
            stale = staleRegistration(chain.get(0));
        } catch (DirectoryUnavailableException e) {
            Log.warn("User store unavailable for a registered certificate's stale check: {}", e.getMessage());
            return Verdict.failure(FailureReason.DIRECTORY_UNAVAILABLE, 0, e.getMessage()).withPath(chainVerdict.path());
        }
        if (stale.isPresent()) {
            return Verdict.failure(FailureReason.REGISTRATION_STALE, 0, stale.get()).withPath(chainVerdict.path());
        }
        final CertificateIdentities owner;
        try {
            // a certificate that a configured source maps to someone else, or from a CA that may not vouch for the
            // owner's domain, does not log in as the owner (review M4b)
            owner = identities.registered(chain.get(0), issuersOnJudgedPath(chain, chainVerdict), registration.owner());
        } catch (MalformedSubjectAltNameException e) {
            return Verdict.failure(FailureReason.MALFORMED, 0, e.getMessage()).withPath(chainVerdict.path());
        } catch (DirectoryUnavailableException e) {
            Log.warn("User directory unavailable for a registered certificate's login: {}", e.getMessage());
            return Verdict.failure(FailureReason.DIRECTORY_UNAVAILABLE, 0, e.getMessage()).withPath(chainVerdict.path());
        }
        final Verdict verdict = resolver.resolve(owner, authzid, chainVerdict.validUntil());
        return verdict.isSuccess()
            ? Verdict.success(verdict.jid(), verdict.validUntil(), verdict.detail() + " (certificate '" + registration.name() + "')")
            : verdict;
    }

    private RegisteredIdentities.Lookup registration(List<X509Certificate> chain) {
        if (registered == RegisteredIdentities.NONE) {
            return RegisteredIdentities.Lookup.NONE;
        }
        try {
            return registered.find(chain.get(0));
        } catch (RuntimeException e) {
            Log.warn("Could not look up a registered certificate", e);
            return RegisteredIdentities.Lookup.UNAVAILABLE;
        }
    }

    private Optional<String> staleRegistration(X509Certificate leaf) {
        try {
            return registered.stale(leaf);
        } catch (DirectoryUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            // never continue unchecked (review L2): the login fails closed, as a temporary failure
            Log.warn("Could not tell whether a registered certificate is stale", e);
            throw new DirectoryUnavailableException("could not tell whether the registered certificate is stale: " + e, e);
        }
    }

    private CertificateVerifier selfSignedRegistered() {
        CertificateVerifier accepting = selfSignedRegistered;
        if (accepting == null) {
            accepting = new CertificateVerifier(policy.toBuilder().acceptSelfSigned(true).build(), revocation, clock,
                new VerdictCache(VerdictCache.DEFAULT_CAPACITY), directory, RegisteredIdentities.NONE);
            selfSignedRegistered = accepting;
        }
        return accepting;
    }

    /** Every candidate identity of the leaf with its mapping ("Test a certificate"); empty for an unusable chain. */
    public List<CandidateExplanation> explainIdentities(List<X509Certificate> chain) {
        return unusableChain(chain).isPresent() ? List.of() : explainIdentities(chain, verifyChain(chain));
    }

    /**
     * As above, with the verdict already reached on {@code chain} (by {@link #verifyChain} or {@link #authenticate}),
     * whose path tells the issuing CA.
     */
    public List<CandidateExplanation> explainIdentities(List<X509Certificate> chain, Verdict verdict) {
        if (unusableChain(chain).isPresent()) {
            return List.of();
        }
        try {
            return identities.explain(chain.get(0), issuersOnJudgedPath(chain, verdict));
        } catch (MalformedSubjectAltNameException | RuntimeException e) {
            return List.of();
        }
    }

    /**
     * For XEP-0257 append: every candidate of the configured identity sources as {@link #explainIdentities(List, Verdict)},
     * with {@code verdict} the registration's chain verdict; a leaf whose names cannot be read or mapped at all is one
     * undecided row (MALFORMED or INTERNAL_ERROR), never an empty list, which would mean "names nobody".
     */
    public List<CandidateExplanation> identitiesForRegistration(List<X509Certificate> chain, Verdict verdict) {
        if (unusableChain(chain).isPresent()) {
            return List.of(undecided(FailureReason.MALFORMED, "no usable certificate"));
        }
        try {
            final List<X509Certificate> issuers = issuersOnJudgedPath(chain, verdict);
            final Optional<String> refusedByIssuer = identities.registeredRefusedByIssuer(chain.get(0), issuers);
            if (refusedByIssuer.isPresent()) {
                return List.of(new CandidateExplanation(IdentitySource.REGISTERED, "", "not used: " + refusedByIssuer.get(), List.of(),
                    List.of(refusedByIssuer.get()), FailureReason.CA_NOT_ALLOWED));
            }
            return identities.explain(chain.get(0), issuers);
        } catch (MalformedSubjectAltNameException e) {
            return List.of(undecided(FailureReason.MALFORMED, e.getMessage()));
        } catch (RuntimeException e) {
            Log.warn("Could not evaluate the identities of a certificate to be registered", e);
            return List.of(undecided(FailureReason.INTERNAL_ERROR, e.getClass().getSimpleName()));
        }
    }

    private static CandidateExplanation undecided(FailureReason reason, String note) {
        return new CandidateExplanation(IdentitySource.XMPP_ADDR, "", "not evaluated", List.of(), List.of(String.valueOf(note)), reason);
    }

    public VerdictCache.Stats cacheStats() {
        return cache.stats();
    }

    /** Forgets every cached verdict (admin page); see {@link VerdictCache#flush()}. */
    public void flushVerdicts() {
        cache.flush();
        final CertificateVerifier accepting = selfSignedRegistered;
        if (accepting != null) {
            accepting.flushVerdicts();
        }
    }

    private static Optional<Verdict> unusableChain(List<X509Certificate> chain) {
        if (chain == null || chain.isEmpty()) {
            return Optional.of(Verdict.failure(FailureReason.NO_CERTIFICATE, -1, "no certificate chain"));
        }
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i) == null) {
                return Optional.of(Verdict.failure(FailureReason.MALFORMED, i, "missing certificate in the chain"));
            }
        }
        return Optional.empty();
    }

    private Verdict cached(VerdictCache.Key key, Instant now, Supplier<Verdict> evaluation) {
        return cache.get(key, now, evaluation);
    }

    /**
     * Judges the paths built from the presented chain and the truststore ({@link CertificationPathBuilder}), shortest
     * first; the first that passes every rule wins, else the shortest one's refusal stands. Without any path to a
     * trusted certificate (or a chain longer than the chain length rule's hard limit, which it refuses without further
     * work) the chain is judged as presented, so that its refusal names what is missing.
     */
    private Verdict evaluateChain(List<X509Certificate> chain, Instant now) {
        final List<List<X509Certificate>> paths = chain.size() <= hardChainLimit() ? pathBuilder.build(chain) : List.of();
        if (paths.isEmpty()) {
            return evaluatePath(chain, false, chain, now);
        }
        Verdict shortestRefusal = null;
        for (List<X509Certificate> path : paths) {
            final Verdict verdict = evaluatePath(path, true, chain, now);
            if (verdict.isSuccess()) {
                return verdict;
            }
            shortestRefusal = shortestRefusal == null ? verdict : shortestRefusal;
        }
        return shortestRefusal;
    }

    /**
     * The leaf's issuer on the path the chain verdict was reached on, when that path was built to a trusted certificate
     * ({@link PathValidationResult#issuerOfLeaf}): where a CA restriction looks for the issuing CA, so that a
     * certificate the client sent beside the path cannot stand in for it. Not built again here.
     */
    private static List<X509Certificate> issuersOnJudgedPath(List<X509Certificate> chain, Verdict chainVerdict) {
        return chainVerdict.judgedPath().flatMap(path -> path.issuerOfLeaf(chain)).map(List::of).orElse(List.of());
    }

    /** The chain length rule's limit with self-issued certificates (see {@link ChainLengthRule}). */
    private int hardChainLimit() {
        return 2 * policy.maxChainLength();
    }

    /**
     * Runs the rules on one path; indices in the verdict are the path's, which differs from the chain when built.
     *
     * @param built whether {@code path} was built to a trusted certificate (else it is the chain as presented)
     */
    private Verdict evaluatePath(List<X509Certificate> path, boolean built, List<X509Certificate> chain, Instant now) {
        final Verdict verdict = evaluateRules(path, built, chain, now);
        if (path.equals(chain) || verdict.isSuccess()) {
            return verdict;
        }
        return new Verdict(verdict.reason(), verdict.failingIndex(), verdict.detail() + " [on the path built: "
            + describe(path) + "]", null, null, verdict.pkixFailure(), verdict.path());
    }

    private static String describe(List<X509Certificate> path) {
        final StringBuilder description = new StringBuilder();
        for (int i = 0; i < path.size(); i++) {
            description.append(i == 0 ? "" : ", ").append('#').append(i).append(' ')
                .append(path.get(i).getSubjectX500Principal().getName());
        }
        return description.toString();
    }

    private Verdict evaluateRules(List<X509Certificate> chain, boolean built, List<X509Certificate> presented, Instant now) {
        final ChainContext context = new ChainContext(chain, now, trusted, presented);
        for (CertificateRule rule : rules) {
            final Optional<Verdict> failure = rule.check(context);
            if (failure.isPresent()) {
                final Verdict refusal = failure.get().withPath(PathValidationResult.of(chain, presented, built,
                    anchorIndex(context), failure.get().reason(), failure.get().failingIndex(), rule.getClass().getSimpleName()));
                log(chain, refusal);
                return refusal;
            }
        }
        final Verdict success = Verdict.success(null, validUntil(context), String.join("; ", context.notes()))
            .withPath(PathValidationResult.of(chain, presented, built, anchorIndex(context), null, -1, null));
        log(chain, success);
        return success;
    }

    private static int anchorIndex(ChainContext context) {
        return context.anchor().map(context::indexOf).orElse(-1);
    }

    private Verdict evaluateIdentity(List<X509Certificate> chain, String authzid, Verdict chainVerdict) {
        final X509Certificate leaf = chain.get(0);
        final CertificateIdentities found;
        try {
            found = identities.extract(leaf, issuersOnJudgedPath(chain, chainVerdict));
        } catch (MalformedSubjectAltNameException e) {
            return Verdict.failure(FailureReason.MALFORMED, 0, e.getMessage()).withPath(chainVerdict.path());
        } catch (DirectoryUnavailableException e) {
            // Not "no such user", and no later identity source either: that could be someone else.
            Log.warn("User directory unavailable for a certificate login: {}", e.getMessage());
            return Verdict.failure(FailureReason.DIRECTORY_UNAVAILABLE, 0, e.getMessage()).withPath(chainVerdict.path());
        }
        Instant validUntil = chainVerdict.validUntil();
        final Optional<Duration> mappingLifetime = identities.answersValidFor();
        if (mappingLifetime.isPresent()) {
            // a directory-mapped identity is reused no longer than the directory's answer
            validUntil = earliest(validUntil, clock.instant().plus(mappingLifetime.get()));
        }
        final Verdict verdict = resolver.resolve(found, authzid, validUntil);
        if (!chainVerdict.detail().isEmpty() && verdict.isSuccess()) {
            return Verdict.success(verdict.jid(), verdict.validUntil(), verdict.detail() + "; " + chainVerdict.detail())
                .withPath(chainVerdict.path());
        }
        // the chain's path, which passed: the identity step refused, not a chain rule
        return verdict.withPath(chainVerdict.path());
    }

    /** The earliest of: every judged certificate's notAfter, the revocation answers' nextUpdate, a short soft-fail lifetime. */
    private Instant validUntil(ChainContext context) {
        Instant until = context.now().plus(UNBOUNDED_LIFETIME);
        if (policy.verifyValidity()) {
            until = Instant.MAX;
            // the certificates judged: the path below the anchor and the anchor, not what the client sent beyond it
            for (X509Certificate certificate : context.pathBelowAnchor()) {
                until = earliest(until, certificate.getNotAfter().toInstant());
            }
            if (context.anchor().isPresent()) {
                until = earliest(until, context.anchor().get().getNotAfter().toInstant());
            }
        }
        until = earliest(until, context.validUntilLimit());
        if (context.revocationStatusUnknown()) {
            until = earliest(until, context.now().plus(SOFT_FAIL_LIFETIME));
        }
        return until;
    }

    private static Instant earliest(Instant a, Instant b) {
        return b != null && b.isBefore(a) ? b : a;
    }

    private static Verdict malformedOrInternal(Exception e) {
        if (e instanceof CertificateEncodingException) {
            return Verdict.failure(FailureReason.MALFORMED, -1, "certificate could not be encoded: " + e.getMessage());
        }
        Log.warn("Internal error while verifying a client certificate", e);
        return Verdict.failure(FailureReason.INTERNAL_ERROR, -1, e.getClass().getSimpleName());
    }

    private static void log(List<X509Certificate> chain, Verdict verdict) {
        if (Log.isDebugEnabled()) {
            final X509Certificate leaf = chain.get(0);
            Log.debug("Client certificate subject='{}' issuer='{}' serial={} sha256={}: {}", leaf.getSubjectX500Principal(),
                leaf.getIssuerX500Principal(), leaf.getSerialNumber().toString(16), fingerprint(leaf), verdict);
        }
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (Exception e) {
            return "?";
        }
    }
}
