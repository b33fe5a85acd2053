package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Review finding (review2): X509:&lt;SKI&gt; is read from the subjectKeyIdentifier extension, a value the issuing CA
 * chooses freely. Any other trusted CA (a partner CA) can copy a staff certificate's SKI into a certificate for its
 * own key and map to the staff account. The binding must name the certified key, not a CA-chosen label.
 */
class SkiBindingForgeryTest {

    private static final TestPki.Issued STAFF_CA = TestPki.certificate("Corp CA").subject("CN=Corp CA,DC=corp,DC=example,DC=com").ca().build();
    private static final TestPki.Issued PARTNER_CA = TestPki.certificate("Partner CA").subject("CN=Partner CA,O=Partner").ca().build();

    @Test
    void anotherCaCannotCopyAStaffCertificatesSubjectKeyIdentifier() throws Exception {
        // Setup: the staff user's certificate (public: sent in every TLS 1.2 handshake, stored in AD) and a partner
        // CA's certificate for the partner's own key that carries the staff certificate's SKI octets
        final TestPki.Issued staff = TestPki.certificate("alice").subject("CN=Alice,OU=Staff,DC=corp,DC=example,DC=com").issuedBy(STAFF_CA).build();
        final byte[] staffSki = SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(
            staff.certificate().getExtensionValue(Extension.subjectKeyIdentifier.getId()))).getKeyIdentifier();
        final TestPki.Issued forged = TestPki.certificate("mallory").subject("CN=Mallory,O=Partner").issuedBy(PARTNER_CA)
            .omitKeyIdentifiers().extension(Extension.subjectKeyIdentifier, false, new DEROctetString(staffSki)).build();

        // Execute
        final List<String> forgedForms = CertificateBinding.strongAltSecurityIdentities(forged.certificate());

        // Verify: the forged certificate must not produce the staff binding X509:<SKI>...
        final String staffBinding = "X509:<SKI>" + HexFormat.of().withUpperCase().formatHex(staffSki);
        assertFalse(forgedForms.contains(staffBinding), "a partner CA's certificate for another key maps as " + staffBinding + ": " + forgedForms);
    }
}
