package com.checkup.gateway.web;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Whose request it is, by address: the TCP peer, unless the peer is a proxy the operator trusts
 * ({@code checkup.gateway.trusted-proxies}, e.g. the ingress controller's pod network), in which case the address that
 * proxy put in {@code X-Forwarded-For}. The header is read from the right, the way proxies append to it: each entry
 * is believed only while the hop that added it is trusted, so a client cannot choose its address by sending the
 * header itself (what it sends ends up left of what the first trusted proxy appends). Login throttling, flow limits
 * per client and the payer's address for WeChat Pay H5 all count this address.
 *
 * <p>Only IP literals are read (never a name: no DNS lookup for a header's value); an entry that is not one ends the
 * walk at the last trusted hop. Trusting nobody (the default) reads no header at all.
 */
public final class ClientAddress {
    public static final String FORWARDED_FOR = "X-Forwarded-For";
    /** Entries read from the right at most: more proxies than this in a row is a misconfiguration or a forgery. */
    static final int MAX_HOPS = 10;
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV4_PORT = Pattern.compile("([0-9.]{7,15}):\\d{1,5}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern IPV6_BRACKETS = Pattern.compile("\\[([0-9A-Fa-f:.]{2,45})](:\\d{1,5})?");

    private static final ClientAddress PEER_ONLY = new ClientAddress(List.of());

    private final List<Block> trusted;

    private ClientAddress(List<Block> trusted) {
        this.trusted = trusted;
    }

    /** Nobody trusted: the TCP peer is the client. */
    public static ClientAddress peerOnly() {
        return PEER_ONLY;
    }

    /**
     * Proxies trusted to report the client's address: IP addresses or CIDR blocks ({@code 10.0.0.0/8},
     * {@code fd00::/8}); blank entries are ignored.
     *
     * @throws IllegalArgumentException naming the first entry that is neither
     */
    public static ClientAddress trusting(List<String> proxies) {
        List<Block> blocks = new ArrayList<>();
        for (String p : proxies == null ? List.<String>of() : proxies) {
            if (p != null && !p.isBlank()) {
                blocks.add(Block.parse(p.strip()));
            }
        }
        return blocks.isEmpty() ? PEER_ONLY : new ClientAddress(List.copyOf(blocks));
    }

    /** Whether any proxy is trusted (if not, {@link #of} is the peer and needs no header). */
    public boolean trustsAny() {
        return !trusted.isEmpty();
    }

    /**
     * The client's address.
     *
     * @param peer         the TCP peer (null if unknown)
     * @param forwardedFor the {@code X-Forwarded-For} header's lines, in the order received (null or empty: none)
     */
    public InetAddress of(InetAddress peer, List<String> forwardedFor) {
        if (peer == null || !isTrusted(peer) || forwardedFor == null || forwardedFor.isEmpty()) {
            return peer;
        }
        List<String> entries = new ArrayList<>();
        for (String line : forwardedFor) {
            for (String e : line.split(",", -1)) {
                entries.add(e.strip());
            }
        }
        InetAddress client = peer;
        for (int i = entries.size() - 1, hops = 0; i >= 0 && hops < MAX_HOPS; i--, hops++) {
            InetAddress hop = literal(entries.get(i));
            if (hop == null) {
                break;
            }
            client = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return client;
    }

    /**
     * A client as counted by limits and the login throttle: IPv4 as is, IPv6 by its /64 (the block one subscriber
     * gets: counting per address would let one client rotate through 2^64 of them, each a fresh count and a fresh
     * entry in the counters' memory).
     */
    public static String countedAs(InetAddress address) {
        if (address == null) {
            return "unknown";
        }
        if (address instanceof java.net.Inet6Address) {
            byte[] b = address.getAddress();
            StringBuilder s = new StringBuilder(24).append("v6:");
            for (int i = 0; i < 8; i++) {
                s.append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
            }
            return s.append("::/64").toString();
        }
        return address.getHostAddress();
    }

    boolean isTrusted(InetAddress a) {
        for (Block b : trusted) {
            if (b.contains(a)) {
                return true;
            }
        }
        return false;
    }

    /** An entry as proxies write it (an IPv4 address, maybe with a port; an IPv6 address, maybe bracketed with a port). */
    static InetAddress literal(String entry) {
        String ip;
        if (IPV4.matcher(entry).matches()) {
            ip = entry;
        } else if (IPV4_PORT.matcher(entry).matches()) {
            ip = entry.substring(0, entry.indexOf(':'));
        } else if (entry.indexOf(':') >= 0 && IPV6.matcher(entry).matches()) {
            ip = entry;
        } else {
            var m = IPV6_BRACKETS.matcher(entry);
            ip = m.matches() ? m.group(1) : null;
        }
        return ip == null ? null : address(ip);
    }

    /** An IP literal only (Guava's parser never resolves a name, unlike {@code InetAddress.getByName}); else null. */
    private static InetAddress address(String ip) {
        try {
            return InetAddresses.forString(ip);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** An address block: {@code address/prefix}, or one address. */
    static final class Block {
        private final byte[] network;
        private final int prefix;

        private Block(byte[] network, int prefix) {
            this.network = network;
            this.prefix = prefix;
        }

        static Block parse(String text) {
            int slash = text.indexOf('/');
            String ip = slash < 0 ? text : text.substring(0, slash);
            InetAddress a = IPV4.matcher(ip).matches() || (ip.indexOf(':') >= 0 && IPV6.matcher(ip).matches())
                    ? address(ip) : null;
            if (a == null) {
                throw new IllegalArgumentException("checkup.gateway.trusted-proxies: '" + text
                        + "' is not an IP address or CIDR block (e.g. 10.0.0.0/8, fd00::/8; no port, no name)");
            }
            int bits = a.getAddress().length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("checkup.gateway.trusted-proxies: '" + text
                            + "' has a prefix length outside 0.." + bits);
                }
            }
            return new Block(a.getAddress(), prefix);
        }

        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (b[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (b[whole] & mask) == (network[whole] & mask);
        }
    }
}
