using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Weft.Discovery.Security;
using Weft.Identity.Ca;
using Weft.Testing;

namespace Weft.Proxy.Tests.Security;

/// <summary>
/// The server sidecar's side of mesh security with real processes, curl and the real client
/// sidecar: PeerAuthentication modes, x-forwarded-client-cert, and AuthorizationPolicy answers.
/// </summary>
public class InboundSecurityTests
{
    private readonly MeshCa _ca = MeshCa.CreateWithNewRoot("cluster.local", TimeProvider.System);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SecurityConfig Mode(MtlsMode mode, params AuthorizationPolicy[] policies) => new()
    {
        PeerAuthentication = new PeerAuthenticationConfig { Mode = mode },
        AuthorizationPolicies = [.. policies],
    };

    private static Task<Run.Result> CurlAsync(MeshPair mesh, string path, params string[] extra) =>
        Run.CommandAsync("curl", ["-sS", "--path-as-is", "--max-time", "10", "-w", "\n%{http_code}", .. extra, $"http://{mesh.ServerAddress}:{mesh.ServerPort}{path}"], timeout: TimeSpan.FromSeconds(30));

    [Fact]
    public async Task PeerAuthentication_STRICT_closes_plaintext_and_serves_the_client_sidecars_mutual_TLS()
    {
        await using var mesh = await MeshPair.StartAsync(_ca, serverCert: true, clientCert: true, MeshPair.IstioMutual(MeshPair.Travels.ToString()), Mode(MtlsMode.Strict));
        var plain = await CurlAsync(mesh, "/travels/London");
        plain.ExitCode.Should().NotBe(0, plain.Output);
        mesh.App.Count.Should().Be(0);
        await mesh.Server.Process.WaitForLineAsync("PeerAuthentication is STRICT and it spoke plaintext", TimeSpan.FromSeconds(10), Ct);

        using var response = await mesh.Http.GetAsync("/travels/London", Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        mesh.App.Count.Should().Be(1);
    }

    [Fact]
    public async Task PeerAuthentication_PERMISSIVE_serves_plaintext_and_mutual_TLS_on_the_same_port()
    {
        await using var mesh = await MeshPair.StartAsync(_ca, serverCert: true, clientCert: true, MeshPair.IstioMutual(MeshPair.Travels.ToString()), Mode(MtlsMode.Permissive));
        var plain = await CurlAsync(mesh, "/headers");
        plain.StdOut.Should().EndWith("\n200").And.NotContain("x-forwarded-client-cert");
        var tls = await mesh.Http.GetStringAsync("/headers", Ct);
        tls.Should().Contain("x-forwarded-client-cert: By=spiffe://cluster.local/ns/travel-agency/sa/travels;");
    }

    [Fact]
    public async Task The_app_gets_Envoys_XFCC_for_the_verified_peer_and_never_one_a_client_sent()
    {
        await using var mesh = await MeshPair.StartAsync(_ca, serverCert: true, clientCert: true, MeshPair.IstioMutual(MeshPair.Travels.ToString()));
        var chain = new X509Certificate2Collection();
        chain.ImportFromPemFile(Path.Combine(mesh.CertsOf("client"), "cert-chain.pem"));
        var hash = Convert.ToHexStringLower(SHA256.HashData(chain[0].RawData));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/headers");
        request.Headers.TryAddWithoutValidation("x-forwarded-client-cert", "By=spiffe://cluster.local/ns/travel-agency/sa/travels;URI=spiffe://cluster.local/ns/travel-control/sa/control");
        using var response = await mesh.Http.SendAsync(request, Ct);
        var headers = await response.Content.ReadAsStringAsync(Ct);
        headers.Split('\n').Where(l => l.StartsWith("x-forwarded-client-cert:", StringComparison.Ordinal)).Should().Equal(
            $"x-forwarded-client-cert: By=spiffe://cluster.local/ns/travel-agency/sa/travels;Hash={hash};Subject=\"\";URI=spiffe://cluster.local/ns/travel-portal/sa/travels");

        var spoofed = await CurlAsync(mesh, "/headers", "-H", "x-forwarded-client-cert: URI=spiffe://cluster.local/ns/travel-control/sa/control");
        spoofed.StdOut.Should().EndWith("\n200").And.NotContain("x-forwarded-client-cert");
    }

    [Fact]
    public async Task An_ALLOW_policy_by_principal_admits_the_named_peer_and_answers_others_403_RBAC_access_denied()
    {
        var allowPortal = new AuthorizationPolicy
        {
            Name = "allow-portal",
            Namespace = "travel-agency",
            Rules = [new AuthorizationRule { From = [new AuthorizationSource { Principals = ["cluster.local/ns/travel-portal/sa/travels"] }] }],
        };
        await using var mesh = await MeshPair.StartAsync(_ca, serverCert: true, clientCert: true, MeshPair.IstioMutual(MeshPair.Travels.ToString()), Mode(MtlsMode.Permissive, allowPortal));
        using (var allowed = await mesh.Http.GetAsync("/travels/London", Ct))
            allowed.StatusCode.Should().Be(HttpStatusCode.OK);

        var denied = await CurlAsync(mesh, "/travels/London", "-i");
        denied.StdOut.Should().StartWith("HTTP/1.1 403 Forbidden").And.EndWith("\r\n\r\nRBAC: access denied\n403");
        mesh.App.Count.Should().Be(1);
        await mesh.Server.Process.WaitForLineAsync("Denied GET /travels/London from -: rbac_access_denied_matched_policy[none]", TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task Allow_nothing_denies_even_the_mesh_peer()
    {
        var allowNothing = new AuthorizationPolicy { Name = "allow-nothing", Namespace = "travel-agency" };
        await using var mesh = await MeshPair.StartAsync(_ca, serverCert: true, clientCert: true, MeshPair.IstioMutual(MeshPair.Travels.ToString()), Mode(MtlsMode.Permissive, allowNothing));
        using var response = await mesh.Http.GetAsync("/travels/London", Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Be("RBAC: access denied");
        mesh.App.Count.Should().Be(0);
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("//admin")]
    [InlineData("/public/../admin")]
    [InlineData("/public/./../admin/")]
    [InlineData("/%61dmin")]
    [InlineData("/public%2F..%2Fadmin")]
    [InlineData("/public%5C..%5Cadmin")]
    [InlineData("///admin/settings")]
    public async Task Path_tricks_do_not_get_past_a_DENY_rule(string path)
    {
        var denyAdmin = new AuthorizationPolicy
        {
            Name = "deny-admin",
            Namespace = "travel-agency",
            Action = AuthorizationAction.Deny,
            Rules = [new AuthorizationRule { To = [new AuthorizationOperation { Paths = ["/admin", "/admin/*"] }] }],
        };
        var security = Mode(MtlsMode.Permissive, denyAdmin) with { PathNormalization = PathNormalization.DecodeAndMergeSlashes };
        await using var mesh = await MeshPair.StartAsync(_ca, serverCert: false, clientCert: false, null, security);
        var result = await CurlAsync(mesh, path);
        result.StdOut.Should().Be("RBAC: access denied\n403");
        mesh.App.Count.Should().Be(0);
        var allowed = await CurlAsync(mesh, "/public/page");
        allowed.StdOut.Should().EndWith("\n200");
    }
}
