package org.igniterealtime.openfire.plugin.boshcertauth.identity;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The administrator's regular expression for the {@code subject-dn} identity source
 * ({@code boshcertauth.identity.subject-dn.pattern}): a Java regex with exactly one capture group, searched in the
 * subject DN's RFC 4514 form ({@link SubjectDn#rfc4514}); the group's text is the identity.
 */
public final class SubjectDnPattern {

    /** The longest pattern accepted: a setting, not a program. */
    static final int MAX_LENGTH = 500;

    private final Pattern pattern;

    private SubjectDnPattern(Pattern pattern) {
        this.pattern = pattern;
    }

    /**
     * @throws IllegalArgumentException when the text is empty, too long, does not compile, or does not have exactly one
     *                                  capture group
     */
    public static SubjectDnPattern compile(String regex) {
        if (regex == null || regex.isBlank()) {
            throw new IllegalArgumentException("the pattern is empty");
        }
        if (regex.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the pattern is longer than " + MAX_LENGTH + " characters");
        }
        final Pattern compiled;
        try {
            compiled = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("the pattern does not compile: " + e.getDescription() + " near index " + e.getIndex());
        }
        final int groups = compiled.matcher("").groupCount();
        if (groups != 1) {
            throw new IllegalArgumentException("the pattern must have exactly one capture group, it has " + groups
                + " (use (?:...) for groups that capture nothing)");
        }
        return new SubjectDnPattern(compiled);
    }

    /** The text of the capture group at the first match in the DN, or empty when there is none (or it is empty). */
    public Optional<String> extract(String rfc4514Dn) {
        final Matcher matcher = pattern.matcher(rfc4514Dn);
        if (!matcher.find()) {
            return Optional.empty();
        }
        final String value = matcher.group(1);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    public String regex() {
        return pattern.pattern();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SubjectDnPattern that && that.pattern.pattern().equals(pattern.pattern());
    }

    @Override
    public int hashCode() {
        return pattern.pattern().hashCode();
    }

    @Override
    public String toString() {
        return pattern.pattern();
    }
}
