package org.igniterealtime.openfire.plugin.boshcertauth.cluster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one node says about its plugin for the cluster view, as the flat map that crosses the wire ({@link #QUERY}).
 * Fingerprints and the settings digest are SHA-256, so that nodes can be compared without shipping certificates or
 * setting values around.
 */
public final class NodeReport {

    public static final String QUERY = "boshcertauth.node-report";

    public static final String VERSION = "version";
    public static final String ACTIVE = "active";
    public static final String FILTER = "filter";
    public static final String PROVIDER = "provider";
    public static final String WEBSOCKET = "websocket";
    public static final String TRUSTED_CAS = "trusted-cas";
    public static final String SETTINGS_DIGEST = "settings-digest";

    /** The fields compared between nodes, in the view's column order. */
    public static final List<String> COMPARED = List.of(VERSION, ACTIVE, FILTER, PROVIDER, WEBSOCKET, TRUSTED_CAS, SETTINGS_DIGEST);

    private NodeReport() {}

    public static Map<String, String> of(String version, boolean active, boolean filter, boolean provider, boolean webSocket,
                                         Collection<X509Certificate> trustedCas, Map<String, String> effectiveSettings) {
        final Map<String, String> report = new LinkedHashMap<>();
        report.put(VERSION, version == null ? "?" : version);
        report.put(ACTIVE, Boolean.toString(active));
        report.put(FILTER, Boolean.toString(filter));
        report.put(PROVIDER, Boolean.toString(provider));
        report.put(WEBSOCKET, Boolean.toString(webSocket));
        report.put(TRUSTED_CAS, String.join(",", new TreeMap<>(fingerprints(trustedCas)).keySet()));
        report.put(SETTINGS_DIGEST, settingsDigest(effectiveSettings));
        return report;
    }

    /** SHA-256 (hex) of each certificate's DER; a certificate that cannot be encoded counts as "unencodable". */
    static SortedMap<String, X509Certificate> fingerprints(Collection<X509Certificate> certificates) {
        final SortedMap<String, X509Certificate> result = new TreeMap<>();
        for (X509Certificate certificate : certificates) {
            try {
                result.put(sha256(certificate.getEncoded()), certificate);
            } catch (CertificateEncodingException e) {
                result.put("unencodable", certificate);
            }
        }
        return result;
    }

    /** SHA-256 (hex, first 16 digits) over the settings in key order, each as key=value on its own line. */
    public static String settingsDigest(Map<String, String> settings) {
        final StringBuilder text = new StringBuilder();
        new TreeMap<>(settings).forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        return sha256(text.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
