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

    /**
     * The text of the capture group at the first match in the DN, or empty when there is none (or it is empty).
     *
     * @throws PatternTooCostlyException when matching needs more than {@link #MAX_CHARACTER_READS} reads of the DN's
     *                                    characters: the DN comes from a certificate, the pattern from the admin, and a
     *                                    backtracking pattern must not let one login burn a core
     */
    public Optional<String> extract(String rfc4514Dn) {
        final Matcher matcher = pattern.matcher(new BudgetedText(rfc4514Dn, MAX_CHARACTER_READS));
        if (!matcher.find()) {
            return Optional.empty();
        }
        final String value = matcher.group(1);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** Reads of the DN's characters one match may make (a sane pattern needs a few times the DN's length). */
    static final int MAX_CHARACTER_READS = 1_000_000;

    /** Matching was stopped because it would take too long. */
    public static final class PatternTooCostlyException extends RuntimeException {
        PatternTooCostlyException() {
            super("matching the subject-dn pattern was stopped after " + MAX_CHARACTER_READS + " steps", null, false, false);
        }
    }

    /** A CharSequence that fails once read more often than allowed; java.util.regex reads its input only via charAt. */
    private static final class BudgetedText implements CharSequence {
        private final String text;
        private final int[] budget;

        BudgetedText(String text, int budget) {
            this(text, new int[] { budget });
        }

        private BudgetedText(String text, int[] budget) {
            this.text = text;
            this.budget = budget;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (--budget[0] < 0) {
                throw new PatternTooCostlyException();
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new BudgetedText(text.substring(start, end), budget);
        }

        @Override
        public String toString() {
            return text;
        }
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
