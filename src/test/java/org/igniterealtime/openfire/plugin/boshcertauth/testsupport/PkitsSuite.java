package org.igniterealtime.openfire.plugin.boshcertauth.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NIST PKITS 1.0.1 (the Public Key Interoperability Test Suite: 249 path-validation tests, public domain) as found in a
 * directory given at run time: {@code certs/*.crt}, {@code crls/*.crl} and the case table {@code pkits_testcases-inl.h}
 * as Google's BoringSSL keeps them under {@code pki/testdata/nist-pkits} (generated there from PKITS.pdf). That
 * directory is third-party data, which developers do not commit: it is taken from {@code ../shared/nist-pkits} beside
 * the project, or from the directory the system property {@value #DIRECTORY_PROPERTY} names.
 *
 * <p>Each case lists its certificates from the trust anchor down to the end entity, its CRLs, the expected outcome
 * and the validation inputs that differ from RFC 5280's defaults (initial policy set any-policy, explicit policy,
 * policy mapping and any-policy inhibition all off).</p>
 */
public final class PkitsSuite {

    public static final String DIRECTORY_PROPERTY = "pkits.dir";
    private static final String CASE_TABLE = "pkits_testcases-inl.h";

    /** One PKITS test, e.g. 4.1.1 "Valid Signatures Test1". */
    public record Case(String number, String title, List<String> certificates, List<String> crls, boolean shouldValidate,
                       Map<String, String> inputs) {

        /** RFC 5280 §6.1.1 inputs the case sets to something other than the default. */
        public Map<String, String> nonDefaultInputs() {
            final Map<String, String> set = new LinkedHashMap<>(inputs);
            set.remove("UserConstrainedPolicySet"); // an expected output of the algorithm, not an input
            set.entrySet().removeIf(e -> e.getKey().equals("InitialPolicySet") && e.getValue().equals("anyPolicy"));
            set.entrySet().removeIf(e -> !e.getKey().equals("InitialPolicySet") && e.getValue().equals("false"));
            return set;
        }

        @Override
        public String toString() {
            return number + " " + title;
        }
    }

    private static final Pattern BLOCK = Pattern.compile(
        "// (4\\.[0-9.]+) ([^\\n]*)\\nWRAPPED_TYPED_TEST_P\\((.*?)this->RunTest", Pattern.DOTALL);
    private static final Pattern ARRAY = Pattern.compile("const char\\* const (certs|crls)\\[\\] = \\{(.*?)\\};", Pattern.DOTALL);
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern EXPECTED = Pattern.compile("info\\.should_validate = (true|false);");
    private static final Pattern SETTER = Pattern.compile("info\\.Set([A-Za-z]+)\\(\"?([^\")]*)\"?\\);");

    private final Path directory;
    private final List<Case> cases;

    private PkitsSuite(Path directory, List<Case> cases) {
        this.directory = directory;
        this.cases = List.copyOf(cases);
    }

    /** Where the suite is looked for when {@value #DIRECTORY_PROPERTY} is not set: {@code ../shared/nist-pkits}. */
    public static final Path SHARED_DIRECTORY = Path.of("..", "shared", "nist-pkits");

    /** The suite from {@value #DIRECTORY_PROPERTY}, else from {@link #SHARED_DIRECTORY}; empty when neither exists. */
    public static Optional<PkitsSuite> locate() throws IOException {
        final String configured = System.getProperty(DIRECTORY_PROPERTY, "").trim();
        final Path directory = configured.isEmpty() ? SHARED_DIRECTORY : Path.of(configured);
        if (!Files.isRegularFile(directory.resolve(CASE_TABLE))) {
            if (!configured.isEmpty()) {
                throw new IOException("-D" + DIRECTORY_PROPERTY + "=" + configured + " has no " + CASE_TABLE);
            }
            return Optional.empty();
        }
        return Optional.of(new PkitsSuite(directory.toAbsolutePath().normalize(), parse(Files.readString(directory.resolve(CASE_TABLE)))));
    }

    static List<Case> parse(String table) {
        final List<Case> cases = new ArrayList<>();
        final Matcher block = BLOCK.matcher(table);
        while (block.find()) {
            final String body = block.group(3);
            final Map<String, List<String>> arrays = new LinkedHashMap<>();
            final Matcher array = ARRAY.matcher(body);
            while (array.find()) {
                final List<String> names = new ArrayList<>();
                final Matcher quoted = QUOTED.matcher(array.group(2));
                while (quoted.find()) {
                    names.add(quoted.group(1));
                }
                arrays.put(array.group(1), names);
            }
            final Matcher expected = EXPECTED.matcher(body);
            if (!expected.find() || !arrays.containsKey("certs")) {
                throw new IllegalArgumentException("unreadable PKITS case " + block.group(1) + ": " + body);
            }
            final Map<String, String> inputs = new LinkedHashMap<>();
            final Matcher setter = SETTER.matcher(body);
            while (setter.find()) {
                inputs.put(setter.group(1), setter.group(2));
            }
            cases.add(new Case(block.group(1), block.group(2).trim(), arrays.get("certs"),
                arrays.getOrDefault("crls", List.of()), Boolean.parseBoolean(expected.group(1)), inputs));
        }
        return cases;
    }

    public Path directory() {
        return directory;
    }

    public List<Case> cases() {
        return cases;
    }

    public X509Certificate certificate(String name) {
        try (InputStream in = Files.newInputStream(directory.resolve("certs").resolve(name + ".crt"))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException("PKITS certificate " + name + ": " + e.getMessage(), e);
        }
    }

    public Path crlFile(String name) {
        return directory.resolve("crls").resolve(name + ".crl");
    }

    /** For messages: the case's inputs in PKITS's words. */
    public static String describe(Map<String, String> inputs) {
        return Arrays.toString(inputs.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray());
    }
}
