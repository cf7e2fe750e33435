package com.checkup.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private static final ClientAddress INGRESS = ClientAddress.trusting(List.of("10.0.0.0/8", " ", "fd00::/8"));

    private static InetAddress ip(String literal) {
        return ClientAddress.literal(literal);
    }

    @Test
    void withNobodyTrustedTheHeaderIsIgnored() {
        ClientAddress none = ClientAddress.trusting(List.of());
        assertThat(none.trustsAny()).isFalse();
        assertThat(none.of(ip("10.1.2.3"), List.of("203.0.113.7"))).isEqualTo(ip("10.1.2.3"));
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItSays() {
        assertThat(INGRESS.of(ip("198.51.100.9"), List.of("203.0.113.7"))).isEqualTo(ip("198.51.100.9"));
    }

    @Test
    void aTrustedProxyNamesTheClient() {
        assertThat(INGRESS.of(ip("10.1.2.3"), List.of("203.0.113.7"))).isEqualTo(ip("203.0.113.7"));
        assertThat(INGRESS.of(ip("10.1.2.3"), null)).isEqualTo(ip("10.1.2.3"));
        assertThat(INGRESS.of(ip("10.1.2.3"), List.of())).isEqualTo(ip("10.1.2.3"));
    }

    @Test
    void whatTheClientSentItselfIsLeftOfWhatTheProxyAppendedAndNotBelieved() {
        // the client sent "X-Forwarded-For: 1.1.1.1, 10.9.9.9"; the ingress appended the address it saw
        assertThat(INGRESS.of(ip("10.1.2.3"), List.of("1.1.1.1, 10.9.9.9, 203.0.113.7"))).isEqualTo(ip("203.0.113.7"));
        // a second header line counts as appended after the first
        assertThat(INGRESS.of(ip("10.1.2.3"), List.of("1.1.1.1", "203.0.113.7"))).isEqualTo(ip("203.0.113.7"));
    }

    @Test
    void trustedHopsAreWalkedThrough() {
        assertThat(INGRESS.of(ip("10.1.2.3"), List.of("203.0.113.7, 10.4.4.4,10.5.5.5"))).isEqualTo(ip("203.0.113.7"));
    }

    @Test
    void garbageEndsTheWalkAtTheLastTrustedHop() {
        assertThat(INGRESS.of(ip("10.1.2.3"), List.of("unknown"))).isEqualTo(ip("10.1.2.3"));
        assertThat(INGRESS.of(ip("10.1.2.3"), List.of("203.0.113.7, evil.example.com, 10.4.4.4"))).isEqualTo(ip("10.4.4.4"));
        assertThat(INGRESS.of(ip("10.1.2.3"), List.of("203.0.113.7, "))).isEqualTo(ip("10.1.2.3"));
        assertThat(INGRESS.of(ip("10.1.2.3"), List.of("1.2.3"))).isEqualTo(ip("10.1.2.3"));
        assertThat(INGRESS.of(ip("10.1.2.3"), List.of("256.1.1.1"))).isEqualTo(ip("10.1.2.3"));
        assertThat(INGRESS.of(ip("10.1.2.3"), List.of("fe80::1%eth0"))).isEqualTo(ip("10.1.2.3"));
        // never a name to resolve, whatever the patterns let through
        for (String notALiteral : List.of(".::", "[.::]", "[.::]:80", "1:2", "::g", "localhost", "0x7f.1", "010.1.1.1.1")) {
            assertThat(ClientAddress.literal(notALiteral)).as(notALiteral).isNull();
        }
    }

    @Test
    void portsAndBracketsAsProxiesWriteThem() {
        assertThat(INGRESS.of(ip("10.1.2.3"), List.of("203.0.113.7:51234"))).isEqualTo(ip("203.0.113.7"));
        assertThat(INGRESS.of(ip("10.1.2.3"), List.of("[2001:db8::7]:443"))).isEqualTo(ip("2001:db8::7"));
        assertThat(INGRESS.of(ip("fd12::1"), List.of("2001:db8::7"))).isEqualTo(ip("2001:db8::7"));
    }

    @Test
    void atMostTenHopsAreRead() {
        String chain = "203.0.113.7" + ", 10.0.0.1".repeat(ClientAddress.MAX_HOPS);
        assertThat(INGRESS.of(ip("10.1.2.3"), List.of(chain))).isEqualTo(ip("10.0.0.1"));
        String shorter = "203.0.113.7" + ", 10.0.0.1".repeat(ClientAddress.MAX_HOPS - 1);
        assertThat(INGRESS.of(ip("10.1.2.3"), List.of(shorter))).isEqualTo(ip("203.0.113.7"));
    }

    @Test
    void blocksMatchByPrefix() {
        ClientAddress c = ClientAddress.trusting(List.of("192.168.4.0/22", "127.0.0.1"));
        assertThat(c.isTrusted(ip("192.168.7.255"))).isTrue();
        assertThat(c.isTrusted(ip("192.168.8.0"))).isFalse();
        assertThat(c.isTrusted(ip("127.0.0.1"))).isTrue();
        assertThat(c.isTrusted(ip("127.0.0.2"))).isFalse();
        assertThat(c.isTrusted(ip("::1"))).isFalse();
        assertThat(ClientAddress.trusting(List.of("0.0.0.0/0")).isTrusted(ip("8.8.8.8"))).isTrue();
    }

    @Test
    void ipv6ClientsAreCountedPerSlash64() {
        assertThat(ClientAddress.countedAs(ip("2001:db8:1:2::1"))).isEqualTo("v6:20010db800010002::/64")
                .isEqualTo(ClientAddress.countedAs(ip("2001:db8:1:2:ffff::9")));
        assertThat(ClientAddress.countedAs(ip("2001:db8:1:3::1"))).isNotEqualTo(ClientAddress.countedAs(ip("2001:db8:1:2::1")));
        assertThat(ClientAddress.countedAs(ip("203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.countedAs(null)).isEqualTo("unknown");
    }

    @Test
    void aBadSettingStopsTheStartNamingIt() {
        assertThatThrownBy(() -> ClientAddress.trusting(List.of("ingress.example.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ingress.example.com'");
        assertThatThrownBy(() -> ClientAddress.trusting(List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefix length outside 0..32");
        assertThatThrownBy(() -> ClientAddress.trusting(List.of("10.0.0.1:8080")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no port");
        assertThatThrownBy(() -> ClientAddress.trusting(List.of("[::1]:443")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no port");
        assertThatThrownBy(() -> ClientAddress.trusting(List.of("10.0.0.0/x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'10.0.0.0/x'");
    }
}
