package org.igniterealtime.openfire.plugin.boshcertauth.admin;

import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Fragment;
import org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Node;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.PathValidationResult;
import org.igniterealtime.openfire.plugin.boshcertauth.certificate.Verdict;
import org.igniterealtime.openfire.plugin.boshcertauth.identity.CertificateBinding;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import static org.igniterealtime.openfire.plugin.boshcertauth.admin.ConsoleMarkup.br;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.element;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.fragment;
import static org.igniterealtime.openfire.plugin.boshcertauth.admin.html.Html.text;

/**
 * After "Test a certificate": the certification path the verifier built and judged (issue 14), each certificate with
 * subject, issuer, serial, SHA-256 and validity, which one is the trust anchor, and for a refusal of a chain rule
 * which certificate on the path failed which check. Every value comes from the pasted certificates, so every value is
 * text (escaped by the builder). Renders nothing when no test was run or no path was judged.
 */
final class CertificationPathSection implements PageSection {

    private final ConsoleMarkup markup;

    CertificationPathSection(ConsoleMarkup markup) {
        this.markup = markup;
    }

    @Override
    public Node render(AdminPage page) {
        final CertificateTester.Outcome outcome = page.testOutcome();
        final Optional<PathValidationResult> judged = outcome == null || outcome.verdict() == null ? Optional.empty()
            : outcome.verdict().judgedPath();
        if (judged.isEmpty()) {
            return fragment();
        }
        final PathValidationResult path = judged.get();
        final List<X509Certificate> certificates;
        try {
            certificates = path.certificates(outcome.chain());
        } catch (IllegalArgumentException e) {
            return fragment(); // not the pasted chain's path: nothing true to show
        }
        final Fragment content = fragment(element("p").add(markup.t(path.built() ? "path.info" : "path.as-presented")));
        content.add(summary(path, certificates, outcome.verdict()));
        final ConsoleMarkup.ListTable table = ConsoleMarkup.listTable(text("#"), markup.t("path.role"), markup.t("trust.subject"),
            markup.t("trust.issuer"), markup.t("path.serial"), markup.t("path.sha256"), markup.t("path.validity"),
            markup.t("path.result"));
        for (int i = 0; i < certificates.size(); i++) {
            final X509Certificate certificate = certificates.get(i);
            table.row(text(i), role(path, i), text(certificate.getSubjectX500Principal().getName()),
                text(certificate.getIssuerX500Principal().getName()), text(certificate.getSerialNumber().toString(16)),
                element("code").add(text(sha256(certificate))),
                markup.t("path.validity.range", ConsoleMarkup.time(certificate.getNotBefore().toInstant()),
                    ConsoleMarkup.time(certificate.getNotAfter().toInstant())),
                result(path, i));
        }
        return markup.contentBox(markup.t("path.title"), content, table.node(), br());
    }

    /** Whether the path passed, or which certificate failed which check. */
    private Node summary(PathValidationResult path, List<X509Certificate> certificates, Verdict verdict) {
        if (path.isValid()) {
            return markup.infoBox("success", markup.t("path.valid"));
        }
        final Fragment refusal = fragment();
        if (path.failingIndex() >= 0 && path.failingIndex() < certificates.size()) {
            refusal.add(markup.t("path.refused", path.failingIndex(),
                certificates.get(path.failingIndex()).getSubjectX500Principal().getName(), path.failingRule(),
                path.reason().name(), path.reason().description()));
        } else {
            refusal.add(markup.t("path.refused.path", path.failingRule(), path.reason().name(), path.reason().description()));
        }
        verdict.pkixReason().ifPresent(reason -> refusal.add(br(), markup.t("path.pkix", reason.toString())));
        return markup.infoBox("error", refusal);
    }

    private Node role(PathValidationResult path, int index) {
        if (path.anchor().filter(anchor -> anchor == index).isPresent()) {
            return element("b").add(markup.t("path.role.anchor"));
        }
        return markup.t(index == 0 ? "path.role.user" : "path.role.ca");
    }

    private Node result(PathValidationResult path, int index) {
        if (!path.isValid() && path.failingIndex() == index) {
            return element("b").add(markup.t("path.result.refused", path.reason().name(), path.failingRule()));
        }
        return path.isValid() ? markup.t("path.result.passed") : text("");
    }

    private static String sha256(X509Certificate certificate) {
        try {
            return CertificateBinding.sha256(certificate);
        } catch (CertificateEncodingException e) {
            return "?";
        }
    }
}
