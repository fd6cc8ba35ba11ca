using Weft.Api.Model.Core;
using Weft.Api.Tests.Security;

namespace Weft.Api.Tests.Core;

public class SecretAndConfigMapTests
{
    [Fact]
    public void A_rich_tls_secret_round_trips_and_decodes()
    {
        var secret = Manifests.Load<Secret>("""
            apiVersion: v1
            kind: Secret
            metadata: {name: control-cert, namespace: istio-ingress}
            type: kubernetes.io/tls
            immutable: true
            data:
              tls.crt: Y2VydA==
              tls.key: a2V5
            stringData:
              ca.crt: plain text CA
            """);
        Manifests.UnsetFields(secret).Should().BeEmpty();
        var again = Manifests.RoundTrip(secret);
        System.Text.Encoding.UTF8.GetString(again.Value("tls.crt")!).Should().Be("cert");
        System.Text.Encoding.UTF8.GetString(again.Value("ca.crt")!).Should().Be("plain text CA");
        again.Value("missing").Should().BeNull();
    }

    [Fact]
    public void String_data_satisfies_the_keys_a_type_requires()
    {
        Manifests.Load<Secret>("""
            apiVersion: v1
            kind: Secret
            metadata: {name: c, namespace: d}
            type: kubernetes.io/tls
            stringData: {tls.crt: a, tls.key: b}
            """).TypeOrDefault.Should().Be(SecretTypes.Tls);
    }

    [Fact]
    public void Base64_may_be_wrapped_over_lines_as_go_accepts_it()
    {
        Manifests.Load<Secret>("apiVersion: v1\nkind: Secret\nmetadata: {name: w, namespace: d}\ndata:\n  k: |\n    YWJj\n    ZGVm\n").Value("k")
            .Should().Equal("abcdef"u8.ToArray());
    }

    [Fact]
    public void A_rich_config_map_round_trips_unchanged()
    {
        var cm = Manifests.Load<ConfigMap>("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: mesh, namespace: istio-system}
            immutable: false
            data:
              mesh: |
                trustDomain: cluster.local
              KEY_NAME: value
            binaryData:
              logo.png: iVBORw0KGgo=
            """);
        Manifests.UnsetFields(cm).Should().BeEmpty();
        Manifests.RoundTrip(cm).Data!["KEY_NAME"].Should().Be("value");
    }

    public static TheoryData<string, string, string[]> Invalid() => new()
    {
        {
            "a TLS secret without certificate and key",
            "kind: Secret\ntype: kubernetes.io/tls\ndata: {tls.cert: YQ==}",
            ["data[tls.crt]: Required value", "data[tls.key]: Required value"]
        },
        {
            "secret data that is not base64",
            "kind: Secret\ndata: {password: not-base64!}",
            ["data[password]: Invalid value: illegal base64 data at input byte 3"]
        },
        {
            "secret data cut short",
            "kind: Secret\ndata: {password: YWJjZA}",
            ["data[password]: Invalid value: illegal base64 data at input byte 4"]
        },
        {
            "a secret key with a slash",
            "kind: Secret\nstringData: {a/b: x}",
            ["stringData[a/b]: Invalid value: \"a/b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"]
        },
        {
            "a secret key that climbs out of its directory",
            "kind: Secret\nstringData: {..: x}",
            ["stringData[..]: Invalid value: \"..\": must not be '..'"]
        },
        {
            "a basic-auth secret without user or password",
            "kind: Secret\ntype: kubernetes.io/basic-auth\nstringData: {token: x}",
            ["data[username]: Required value", "data[password]: Required value"]
        },
        {
            "a service account token without its account",
            "kind: Secret\ntype: kubernetes.io/service-account-token",
            ["metadata.annotations[kubernetes.io/service-account.name]: Required value"]
        },
        {
            "a config map key in both data and binaryData",
            "kind: ConfigMap\ndata: {a: x}\nbinaryData: {a: eA==}",
            ["binaryData: Invalid value: \"a\": duplicate of key present in data"]
        },
        {
            "binary data that is not base64",
            "kind: ConfigMap\nbinaryData: {logo: \"%%%\"}",
            ["binaryData[logo]: Invalid value: illegal base64 data at input byte 0"]
        },
        {
            "a config map key starting with two dots",
            "kind: ConfigMap\ndata: {..data: x}",
            ["data[..data]: Invalid value: \"..data\": must not start with '..'"]
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_secrets_and_config_maps_are_refused_as_kubernetes_refuses_them(string why, string doc, string[] expected) =>
        Manifests.Messages($"apiVersion: v1\nmetadata: {{name: s, namespace: d}}\n{doc}\n").Should().Equal(expected, why);

    [Fact]
    public void Data_over_one_mebibyte_is_too_long()
    {
        var big = new string('a', 1024 * 1024 + 1);
        Manifests.Messages($"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: s, namespace: d}}\ndata: {{a: {big}}}\n")
            .Should().Equal("data: Too long: may not be more than 1048576 bytes");
        Manifests.Messages($"apiVersion: v1\nkind: Secret\nmetadata: {{name: s, namespace: d}}\nstringData: {{a: {big}}}\n")
            .Should().Equal("data: Too long: may not be more than 1048576 bytes");
    }
}
