package com.checkup.message.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signer against the examples of Aliyun's own documentation (GET there; we POST, which only changes the prefix). */
class AliyunSignatureTest {
    @Test
    void theSendSmsExampleOfAliyunsSmsDocumentation() {
        Map<String, String> p = Map.ofEntries(Map.entry("AccessKeyId", "testId"), Map.entry("Action", "SendSms"),
                Map.entry("Format", "XML"), Map.entry("OutId", "123"), Map.entry("PhoneNumbers", "15300000001"),
                Map.entry("RegionId", "cn-hangzhou"), Map.entry("SignName", "阿里云短信测试专用"),
                Map.entry("SignatureMethod", "HMAC-SHA1"), Map.entry("SignatureNonce", "45e25e9b-0a6f-4070-8c85-2956eda1b466"),
                Map.entry("SignatureVersion", "1.0"), Map.entry("TemplateCode", "SMS_71390007"),
                Map.entry("TemplateParam", "{\"customer\":\"test\"}"), Map.entry("Timestamp", "2017-07-12T02:42:19Z"),
                Map.entry("Version", "2017-05-25"));
        assertThat(AliyunSignature.stringToSign("GET", p)).startsWith("GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms")
                .contains("SignName%3D%25E9%2598%25BF%25E9%2587%258C").contains("TemplateParam%3D%257B%2522customer%2522%253A%2522test%2522%257D");
        assertThat(AliyunSignature.sign("GET", p, "testSecret")).isEqualTo("zJDF+Lrzhj/ThnlvIToysFRq6t4=");
        assertThat(AliyunSignature.sign("POST", p, "testSecret")).isNotEqualTo("zJDF+Lrzhj/ThnlvIToysFRq6t4=");
    }

    @Test
    void theDescribeRegionsExampleOfAliyunsRpcSignatureDocumentation() {
        Map<String, String> p = Map.of("Format", "XML", "AccessKeyId", "testid", "Action", "DescribeRegions",
                "SignatureMethod", "HMAC-SHA1", "SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf", "SignatureVersion", "1.0",
                "Version", "2014-05-26", "Timestamp", "2016-02-23T12:46:24Z");
        assertThat(AliyunSignature.sign("GET", p, "testsecret")).isEqualTo("OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    }

    @Test
    void percentEncodingIsRfc3986AsAliyunWantsIt() {
        assertThat(AliyunSignature.percentEncode("a b*~-_.")).isEqualTo("a%20b%2A~-_.");
        assertThat(AliyunSignature.percentEncode("/=&+")).isEqualTo("%2F%3D%26%2B");
        assertThat(AliyunSignature.percentEncode("体")).isEqualTo("%E4%BD%93");
    }
}
