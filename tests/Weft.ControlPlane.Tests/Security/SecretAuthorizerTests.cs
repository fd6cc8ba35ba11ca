using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Weft.ControlPlane.Security;
using Weft.ControlPlane.Tests.Translation;
using Weft.ControlPlane.Translation;
using Weft.Discovery.Codec;
using Weft.Discovery.Snapshot;
using Weft.Discovery.Validation;

namespace Weft.ControlPlane.Tests.Security;

/// <summary>
/// weftd's secret endpoint (SDS) decides as istiod does: a proxy reads TLS Secrets of its own
/// namespace, another namespace's only through a ReferenceGrant to its Gateways, and nothing that
/// is not TLS material; snapshots name Secrets and never carry their keys.
/// </summary>
public sealed class SecretAuthorizerTests
{
    private static readonly (string Cert, string Key) Pem = SelfSigned();

    private static (string Cert, string Key) SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=shop.example.test", key, HashAlgorithmName.SHA256);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        return (cert.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    private static string Indented(string pem) => string.Join("\n", pem.TrimEnd().Split('\n').Select(l => "    " + l));

    private static string TlsSecret(string ns, string name, string type = "kubernetes.io/tls") => $"""
        apiVersion: v1
        kind: Secret
        metadata: {"{"}name: {name}, namespace: {ns}{"}"}
        type: {type}
        stringData:
          tls.crt: |
        {Indented(Pem.Cert)}
          tls.key: |
        {Indented(Pem.Key)}
        ---

        """;

    private static readonly string Config = TlsSecret("istio-system", "gateway-cert") + TlsSecret("travel-agency", "own-cert") + TlsSecret("certs", "shared-cert")
        + TlsSecret("certs", "other-cert") + TlsSecret("default", "generic-cert", "Opaque") + """
        apiVersion: v1
        kind: Secret
        metadata: {name: db-password, namespace: travel-agency}
        type: kubernetes.io/basic-auth
        stringData: {username: admin, password: hunter2}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: settings, namespace: travel-agency}
        stringData: {color: blue}
        ---
        apiVersion: gateway.networking.k8s.io/v1beta1
        kind: ReferenceGrant
        metadata: {name: gateways-read-shared, namespace: certs}
        spec:
          from: [{group: gateway.networking.k8s.io, kind: Gateway, namespace: istio-system}]
          to: [{group: "", kind: Secret, name: shared-cert}]
        """;

    [Theory]
    [InlineData("istio-system", "istio-system", "gateway-cert", 200, null)]
    [InlineData("travel-agency", "travel-agency", "own-cert", 200, null)]
    [InlineData("default", "default", "generic-cert", 200, null)]
    [InlineData("travel-agency", "istio-system", "gateway-cert", 403,
        "a proxy of namespace travel-agency may read Secrets of its own namespace only, and no ReferenceGrant in namespace istio-system lets Gateways of travel-agency refer to Secret gateway-cert")]
    [InlineData("istio-system", "certs", "shared-cert", 200, null)]
    [InlineData("istio-system", "certs", "other-cert", 403,
        "a proxy of namespace istio-system may read Secrets of its own namespace only, and no ReferenceGrant in namespace certs lets Gateways of istio-system refer to Secret other-cert")]
    [InlineData("travel-agency", "certs", "shared-cert", 403,
        "a proxy of namespace travel-agency may read Secrets of its own namespace only, and no ReferenceGrant in namespace certs lets Gateways of travel-agency refer to Secret shared-cert")]
    [InlineData("travel-agency", "travel-agency", "db-password", 403,
        "Secret travel-agency/db-password is of type kubernetes.io/basic-auth; only kubernetes.io/tls and generic (Opaque) Secrets with tls.crt/tls.key or ca.crt are served")]
    [InlineData("travel-agency", "travel-agency", "settings", 403,
        "Secret travel-agency/settings holds neither tls.crt and tls.key (cert and key) nor ca.crt (cacert): it is no TLS credential")]
    [InlineData("travel-agency", "travel-agency", "missing", 404, "Secret travel-agency/missing does not exist")]
    [InlineData("travel-agency", "istio-system", "missing", 403,
        "a proxy of namespace travel-agency may read Secrets of its own namespace only, and no ReferenceGrant in namespace istio-system lets Gateways of travel-agency refer to Secret missing")]
    public void A_proxy_reads_tls_secrets_of_its_namespace_or_granted_ones_and_nothing_else(string proxyNamespace, string ns, string name, int status, string? reason)
    {
        var decision = SecretAuthorizer.Decide(TranslationFixture.Load(Config), proxyNamespace, ns, name);

        decision.Status.Should().Be(status);
        decision.Reason.Should().Be(reason);
        if (status == 200)
        {
            decision.Secret!.Name.Should().Be($"{ns}/{name}");
            decision.Secret.CertificateChain!.TrimEnd().Should().Be(Pem.Cert.TrimEnd());
            decision.Secret.PrivateKey!.TrimEnd().Should().Be(Pem.Key.TrimEnd());
            decision.Secret.ToString().Should().NotContain("PRIVATE KEY", "a secret never prints its key");
        }
        else
        {
            decision.Secret.Should().BeNull();
        }
    }

    [Fact]
    public void A_gateway_snapshot_names_its_credential_and_its_bytes_hold_no_private_key()
    {
        var yaml = TlsSecret("istio-system", "shop-cert") + """
            apiVersion: networking.istio.io/v1
            kind: Gateway
            metadata: {name: shop, namespace: shop}
            spec:
              selector: {istio: ingressgateway}
              servers:
              - port: {number: 443, name: https, protocol: HTTPS}
                hosts: [shop.example.test]
                tls: {mode: SIMPLE, credentialName: shop-cert}
            """;
        var push = TranslationFixture.Push(yaml);
        var node = TranslationFixture.Node("istio-ingressgateway", "istio-system", "127.32.0.100", "istio=ingressgateway") with { Mode = ProxyMode.Gateway };

        var snapshot = SnapshotBuilder.Build(push, node, new HashSet<string>());

        SnapshotValidator.Validate(snapshot).Should().BeEmpty();
        var tls = snapshot.Listeners.Single(l => l.Port == 443).FilterChains.Single().Tls!;
        tls.CertificateSecret!.Name.Should().Be("istio-system/shop-cert");
        tls.CertificateSecret.Version.Should().MatchRegex("^[0-9a-f]{16}$");
        tls.PrivateKey.Should().BeEmpty();
        tls.CertificateChain.Should().BeEmpty();
        var bytes = System.Text.Encoding.UTF8.GetString(SnapshotCodec.Encode(snapshot));
        bytes.Should().Contain("istio-system/shop-cert").And.NotContain("PRIVATE KEY").And.NotContain("BEGIN CERTIFICATE");
    }

    [Fact]
    public void A_secrets_version_moves_with_its_keys_and_not_with_its_labels()
    {
        var a = TranslationFixture.Load(TlsSecret("shop", "cert")).OfType<Weft.Api.Model.Core.Secret>().Single();
        var relabelled = a with { Metadata = a.Metadata with { Labels = new Dictionary<string, string> { ["team"] = "shop" } } };
        var rotated = a with { StringData = new Dictionary<string, string> { ["tls.crt"] = SelfSigned().Cert, ["tls.key"] = Pem.Key } };

        Weft.ControlPlane.Translation.Security.SecretVersions.Version(relabelled).Should().Be(Weft.ControlPlane.Translation.Security.SecretVersions.Version(a));
        Weft.ControlPlane.Translation.Security.SecretVersions.Version(rotated).Should().NotBe(Weft.ControlPlane.Translation.Security.SecretVersions.Version(a));
    }
}
