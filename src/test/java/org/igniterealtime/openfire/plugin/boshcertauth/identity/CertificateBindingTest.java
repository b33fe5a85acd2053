package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import org.igniterealtime.openfire.plugin.boshcertauth.testsupport.TestPki;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AD's altSecurityIdentities forms and the other certificate bindings (issue 19). */
class CertificateBindingTest {

    private static final TestPki.Issued CA = TestPki.certificate("Corp CA").subject("CN=Corp CA,DC=corp,DC=example,DC=com").ca().build();

    @Test
    void altSecurityIdentitiesAreWrittenAsAdWritesThem() throws Exception {
        // Setup: Microsoft's example serial 2B0000000011AC0000000012
        final TestPki.Issued user = TestPki.certificate("u").subject("CN=Alice,OU=Staff,DC=corp,DC=example,DC=com")
            .serial(new BigInteger("2B0000000011AC0000000012", 16)).issuedBy(CA).build();

        // Execute
        final String weak = CertificateBinding.weakAltSecurityIdentity(user.certificate());
        final List<String> strong = CertificateBinding.strongAltSecurityIdentities(user.certificate());

        // Verify
        assertEquals("X509:<I>DC=com,DC=example,DC=corp,CN=Corp CA<S>DC=com,DC=example,DC=corp,OU=Staff,CN=Alice", weak);
        assertEquals("X509:<I>DC=com,DC=example,DC=corp,CN=Corp CA<SR>1200000000AC11000000002B", strong.get(0));
    }

    @Test
    void aSubjectThatSpellsAnotherFormStaysEscaped() throws Exception {
        // Setup: a CN crafted to read like the issuer+serial form
        final TestPki.Issued user = TestPki.certificate("x").subject(new org.bouncycastle.asn1.x500.X500NameBuilder()
            .addRDN(org.bouncycastle.asn1.x500.style.BCStyle.CN, "x<SR>1200000000AC11000000002B").build()).issuedBy(CA).build();

        // Execute
        final String subjectForm = CertificateBinding.weakAltSecurityIdentity(user.certificate());

        // Verify: < and > escaped (RFC 4514), so it cannot equal an <SR> binding
        assertTrue(subjectForm.endsWith("<S>CN=x\\<SR\\>1200000000AC11000000002B"), subjectForm);
    }

    @Test
    void subjectKeyIdentifierFormIsTheSha1OfTheCertifiedKeyInHex() throws Exception {
        // Setup: the key identifier as RFC 5280 4.2.1.2 method 1 (and AD CS) computes it: SHA-1 of the subjectPublicKey bits
        final TestPki.Issued user = TestPki.certificate("u").issuedBy(CA).build();
        final byte[] keyBits = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(user.certificate().getPublicKey().getEncoded())
            .getPublicKeyData().getBytes();
        final byte[] ski = java.security.MessageDigest.getInstance("SHA-1").digest(keyBits);
        final byte[] extension = org.bouncycastle.asn1.x509.SubjectKeyIdentifier.getInstance(org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils
            .parseExtensionValue(user.certificate().getExtensionValue("2.5.29.14"))).getKeyIdentifier();

        // Execute
        final List<String> strong = CertificateBinding.strongAltSecurityIdentities(user.certificate());

        // Verify: <SR> first, then <SKI>; for a method-1 CA (as AD CS) that is the extension's octets, as ADUC writes
        // them; the weak <S> form is not among the strong ones
        assertArrayEquals(ski, extension);
        assertEquals(List.of(strong.get(0), "X509:<SKI>" + java.util.HexFormat.of().withUpperCase().formatHex(ski)), strong);
        assertTrue(strong.stream().noneMatch(f -> f.contains("<S>")), strong::toString);
    }

    @Test
    void thumbprintIsSha256OfTheDerInLowerCaseHex() throws Exception {
        // Setup
        final TestPki.Issued user = TestPki.certificate("u").issuedBy(CA).build();

        // Execute
        final String thumbprint = CertificateBinding.sha256(user.certificate());

        // Verify
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
            .digest(user.certificate().getEncoded())), thumbprint);
        assertEquals(64, thumbprint.length());
    }
}
