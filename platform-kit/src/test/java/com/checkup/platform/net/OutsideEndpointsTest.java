package com.checkup.platform.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class OutsideEndpointsTest {
    @Test
    void httpsAnywherePlainHttpOnlyToLoopback() {
        assertThat(OutsideEndpoints.secure(URI.create("https://api.mch.weixin.qq.com"))).isTrue();
        assertThat(OutsideEndpoints.secure(URI.create("http://127.0.0.1:9301"))).isTrue();
        assertThat(OutsideEndpoints.secure(URI.create("http://127.8.0.3"))).isTrue();
        assertThat(OutsideEndpoints.secure(URI.create("http://localhost:25"))).isTrue();
        assertThat(OutsideEndpoints.secure(URI.create("http://[::1]:9000"))).isTrue();
        assertThat(OutsideEndpoints.secure(URI.create("http://dysmsapi.aliyuncs.com"))).isFalse();
        assertThat(OutsideEndpoints.secure(URI.create("http://127.0.0.1.evil.example"))).isFalse();
        assertThat(OutsideEndpoints.secure(URI.create("http://127.0.0.300"))).isFalse();
        assertThat(OutsideEndpoints.secure(URI.create("ftp://127.0.0.1"))).isFalse();
        assertThat(OutsideEndpoints.secure(URI.create("//no-scheme"))).isFalse();
        assertThat(OutsideEndpoints.isLoopback(null)).isFalse();
        assertThat(OutsideEndpoints.isLoopback("10.0.0.1")).isFalse();
    }
}
