package org.igniterealtime.openfire.plugin.boshcertauth.request.proxy;

import org.eclipse.jetty.util.InetAddressSet;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The reverse proxies whose forwarded-certificate headers are believed: a list of IP addresses and CIDR blocks,
 * IPv4 and IPv6. Empty — the default — trusts nobody. Immutable and thread-safe.
 *
 * <p>Accepted entries: {@code 10.0.0.5}, {@code 10.0.0.0/8}, {@code 2001:db8::1}, {@code [2001:db8::1]},
 * {@code 2001:db8::/32}, {@code [2001:db8::]/32}, {@code ::ffff:10.0.0.5} and {@code ::ffff:10.0.0.0/104}
 * (IPv4-mapped: stored and matched as IPv4). Refused, each with its own message: host names (never resolved),
 * leading zeros in IPv4, prefixes out of range, CIDR blocks with host bits set (usually a typo for a wider or narrower
 * block than intended), empty entries, and IPv6 zone ids ({@code fe80::1%eth0}: a zone names an interface of this
 * machine, which a list of proxies has no business depending on).
 *
 * <p>Parsing and its messages are ours (stricter than any library's); matching is Jetty's {@code InetAddressSet}
 * (jetty-util, which Openfire ships), fed only with the canonical {@code network/prefix} of each validated entry.</p>
 */
public final class TrustedProxies {

    private static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Block> blocks;
    private final InetAddressSet matcher = new InetAddressSet();

    private TrustedProxies(List<Block> blocks) {
        this.blocks = blocks;
        blocks.forEach(block -> matcher.add(block.toString()));
    }

    /** Trusts nobody. */
    public static TrustedProxies none() {
        return NONE;
    }

    /**
     * Parses a comma-separated list; blank means {@link #none()}.
     *
     * @throws InvalidTrustedProxiesException listing every invalid entry, numbered from 1
     */
    public static TrustedProxies parse(String list) {
        if (list == null || list.isBlank()) {
            return NONE;
        }
        final String[] entries = list.split(",", -1);
        final List<Block> blocks = new ArrayList<>(entries.length);
        final List<String> errors = new ArrayList<>();
        for (int i = 0; i < entries.length; i++) {
            final String entry = entries[i].strip();
            final String problem = Block.problem(entry);
            if (problem != null) {
                errors.add(entry.isEmpty() ? "entry " + (i + 1) + " is empty" : "entry " + (i + 1) + " '" + entry + "' " + problem);
            } else {
                blocks.add(Block.parse(entry));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidTrustedProxiesException(errors);
        }
        return new TrustedProxies(List.copyOf(blocks));
    }

    /**
     * Whether the direct peer is a trusted proxy. {@code remoteAddress} is what the servlet container reports
     * ({@code getRemoteAddr()}): brackets and a zone id are tolerated there (the zone is dropped: containers append
     * it to link-local peers). Anything that is not an IP literal is not trusted — and is never resolved.
     */
    public boolean contains(String remoteAddress) {
        if (blocks.isEmpty() || remoteAddress == null) {
            return false;
        }
        String text = remoteAddress.strip();
        if (text.length() > 2 && text.charAt(0) == '[' && text.charAt(text.length() - 1) == ']' && text.indexOf(':') > 0) {
            text = text.substring(1, text.length() - 1);   // brackets are for IPv6 only, as in the configuration
        }
        final int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone);
        }
        final byte[] address = IpLiteral.parse(text);
        if (address == null) {
            return false;
        }
        try {
            return matcher.test(InetAddress.getByAddress(address)); // from bytes: never a DNS look-up
        } catch (UnknownHostException e) {
            return false; // not 4 or 16 bytes: IpLiteral never answers that
        }
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** The entries in canonical form, e.g. {@code 10.0.0.0/8, 0:0:0:0:0:0:0:1/128}. */
    @Override
    public String toString() {
        return blocks.stream().map(Block::toString).collect(Collectors.joining(", "));
    }

    /** One address or CIDR block: network bytes and prefix length. */
    private record Block(byte[] network, int prefix) {

        /** Why the entry is invalid, or null when it is valid. */
        static String problem(String entry) {
            if (entry.isEmpty()) {
                return "is empty";
            }
            if (entry.indexOf('%') >= 0) {
                return "has an IPv6 zone id, which is not supported";
            }
            final int slash = entry.indexOf('/');
            final String addressText = unbracket(slash < 0 ? entry : entry.substring(0, slash));
            final byte[] address = addressText == null ? null : IpLiteral.parse(addressText);
            if (address == null) {
                return "is not an IP address or CIDR (host names are not accepted)";
            }
            if (slash < 0) {
                return null;
            }
            final int maxPrefix = IpLiteral.isMappedIpv4(addressText, address) ? 128 : address.length * 8;
            final int minPrefix = IpLiteral.isMappedIpv4(addressText, address) ? 96 : 0;
            final String prefixText = entry.substring(slash + 1);
            final int prefix = parsePrefix(prefixText);
            if (prefix < minPrefix || prefix > maxPrefix) {
                return "has prefix length '" + prefixText + "'; it must be a number from " + minPrefix + " to " + maxPrefix;
            }
            final int effective = IpLiteral.isMappedIpv4(addressText, address) ? prefix - 96 : prefix;
            final byte[] network = mask(address, effective);
            if (!java.util.Arrays.equals(network, address)) {
                return "has host bits set after /" + prefix + " (did you mean " + IpLiteral.format(network) + "/" + effective + "?)";
            }
            return null;
        }

        /** Only for entries {@link #problem} found valid. */
        static Block parse(String entry) {
            final int slash = entry.indexOf('/');
            final String addressText = unbracket(slash < 0 ? entry : entry.substring(0, slash));
            final byte[] address = IpLiteral.parse(addressText);
            if (slash < 0) {
                return new Block(address, address.length * 8);
            }
            final int prefix = parsePrefix(entry.substring(slash + 1));
            return new Block(address, IpLiteral.isMappedIpv4(addressText, address) ? prefix - 96 : prefix);
        }


        private static byte[] mask(byte[] address, int prefix) {
            final byte[] masked = address.clone();
            for (int bit = prefix; bit < masked.length * 8; bit++) {
                masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
            }
            return masked;
        }

        /** The text without surrounding brackets; null for unbalanced brackets. Brackets only make sense on IPv6. */
        private static String unbracket(String text) {
            final boolean open = text.startsWith("[");
            final boolean close = text.endsWith("]");
            if (open != close) {
                return null;
            }
            if (!open) {
                return text;
            }
            final String inner = text.substring(1, text.length() - 1);
            return inner.indexOf(':') >= 0 ? inner : null;
        }

        /** A decimal prefix length without sign or leading zeros, or -1. */
        private static int parsePrefix(String text) {
            if (text.isEmpty() || text.length() > 3 || (text.length() > 1 && text.charAt(0) == '0')) {
                return -1;
            }
            int value = 0;
            for (int i = 0; i < text.length(); i++) {
                final char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                value = value * 10 + (c - '0');
            }
            return value;
        }

        @Override
        public String toString() {
            return IpLiteral.format(network) + "/" + prefix;
        }
    }
}
