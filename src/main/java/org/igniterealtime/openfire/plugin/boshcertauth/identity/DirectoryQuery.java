package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A look-up of accounts by attribute values taken from a certificate: an entry matches when it has any one of the
 * assertions. Values are kept raw; each {@link UserDirectory} encodes them for its store ({@link #ldapFilter()}
 * escapes them per RFC 4515).
 */
public record DirectoryQuery(List<Assertion> anyOf) {

    /** {@code attribute = value}; exactly one of text and binary is set. */
    public record Assertion(String attribute, String text, byte[] binary) {

        public Assertion {
            if (!LdapFilter.isAttributeDescription(attribute)) {
                throw new IllegalArgumentException("not an attribute description: " + attribute);
            }
            if ((text == null) == (binary == null)) {
                throw new IllegalArgumentException("exactly one of text and binary");
            }
            binary = binary == null ? null : binary.clone();
        }

        public static Assertion text(String attribute, String value) {
            return new Assertion(attribute, Objects.requireNonNull(value), null);
        }

        public static Assertion binary(String attribute, byte[] value) {
            return new Assertion(attribute, null, Objects.requireNonNull(value));
        }

        public boolean isBinary() {
            return binary != null;
        }

        @Override
        public byte[] binary() {
            return binary == null ? null : binary.clone();
        }

        String filter() {
            return binary != null ? LdapFilter.equality(attribute, binary) : LdapFilter.equality(attribute, text);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Assertion a && attribute.equals(a.attribute) && Objects.equals(text, a.text)
                && Arrays.equals(binary, a.binary);
        }

        @Override
        public int hashCode() {
            return Objects.hash(attribute, text, Arrays.hashCode(binary));
        }

        @Override
        public String toString() {
            return attribute + "=" + (binary != null ? "<" + binary.length + " bytes, SHA-256 " + sha256Prefix(binary) + "…>"
                : CandidateReader.printable(text));
        }

        private static String sha256Prefix(byte[] value) {
            try {
                return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(value)).substring(0, 16);
            } catch (java.security.NoSuchAlgorithmException e) {
                return "?";
            }
        }
    }

    public DirectoryQuery {
        anyOf = List.copyOf(anyOf);
        if (anyOf.isEmpty()) {
            throw new IllegalArgumentException("a query needs at least one assertion");
        }
    }

    /** The RFC 4515 filter: the assertions OR-ed, every value escaped. Also the cache key. */
    public String ldapFilter() {
        return LdapFilter.anyOf(anyOf.stream().map(Assertion::filter).toList());
    }

    @Override
    public String toString() {
        return anyOf.size() == 1 ? anyOf.get(0).toString() : "any of " + anyOf;
    }
}
