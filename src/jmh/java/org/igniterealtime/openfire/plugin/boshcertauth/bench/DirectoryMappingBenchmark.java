package org.igniterealtime.openfire.plugin.boshcertauth.bench;

import org.igniterealtime.openfire.plugin.boshcertauth.certificate.CertificatePolicy;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.CertificateIdentities;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.DirectoryLookups;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.DirectoryMapping;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.DirectoryQuery;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.IdentityExtractor;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.IdentitySource;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.MalformedSubjectAltNameException;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.UserDirectory;
import org.igniterealtime.openfire.plugin.boshcertauth.revocation.RevocationMode;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A certificate login's identity step with directory mapping on (issue 19): an AD smart-card certificate (UPN, no
 * xmppAddr) mapped through {@code upn=userPrincipalName} and {@code certificate=altSecurityIdentities}. The directory
 * is an in-process stand-in, so this is the plugin's own CPU: {@link #upnFromCachedDirectoryAnswer} is a login whose
 * answer is cached (every login within the cache lifetime), {@link #upnAskingTheDirectory} one that asks (cache
 * flushed each time: filter building, RFC 4515 escaping, the hop to the look-up pool and back), and
 * {@link #certificateBindingAskingTheDirectory} the altSecurityIdentities forms (DN reordering, reversed serial).
 * Compare with SaslBenchmark.scramSha1KeyDerivation / scramSha1ServerProof.
 */
public class DirectoryMappingBenchmark extends BenchmarkSettings {

    private X509Certificate smartCard;
    private X509Certificate bound;
    private IdentityExtractor upnExtractor;
    private IdentityExtractor certificateExtractor;
    private DirectoryLookups lookups;

    @Setup
    public void setUp() throws Exception {
        smartCard = TestPki.certificate("Alice Example").subject("CN=Alice Example,OU=Staff,DC=corp,DC=example,DC=com")
            .upn("a.example@corp.example.com").extendedKeyUsage(TestPki.SMARTCARD_LOGON,
                org.bouncycastle.asn1.x509.KeyPurposeId.id_kp_clientAuth).issuedBy(BenchPki.INTERMEDIATE).build().certificate();
        bound = TestPki.certificate("Erin").issuedBy(BenchPki.INTERMEDIATE).build().certificate();
        lookups = new DirectoryLookups(new UserDirectory() {
            @Override
            public List<String> usernames(DirectoryQuery query, int limit) {
                return List.of(query.ldapFilter().contains("userPrincipalName") ? "alice" : "erin");
            }

            @Override
            public String describe() {
                return "in-process directory";
            }
        }, Clock.systemUTC());
        upnExtractor = extractor("upn=userPrincipalName", IdentitySource.UPN);
        certificateExtractor = extractor("certificate=altSecurityIdentities", IdentitySource.CERTIFICATE);
        if (upnExtractor.extract(smartCard).local().size() != 1 || certificateExtractor.extract(bound).local().size() != 1) {
            throw new IllegalStateException("directory mapping found nobody");
        }
    }

    private IdentityExtractor extractor(String attributes, IdentitySource source) {
        final CertificatePolicy policy = BenchPki.policy(RevocationMode.OFF).toBuilder().identitySources(List.of(source))
            .directoryMapping(DirectoryMapping.parse(attributes, Duration.ofSeconds(3), Duration.ofMinutes(5))).build();
        return IdentityExtractor.forPolicy(policy, Optional.of(lookups));
    }

    @TearDown
    public void tearDown() {
        lookups.close();
    }

    @Benchmark
    public CertificateIdentities upnFromCachedDirectoryAnswer() throws MalformedSubjectAltNameException {
        return upnExtractor.extract(smartCard);
    }

    @Benchmark
    public CertificateIdentities upnAskingTheDirectory() throws MalformedSubjectAltNameException {
        lookups.flush();
        return upnExtractor.extract(smartCard);
    }

    @Benchmark
    public CertificateIdentities certificateBindingAskingTheDirectory() throws MalformedSubjectAltNameException {
        lookups.flush();
        return certificateExtractor.extract(bound);
    }
}
