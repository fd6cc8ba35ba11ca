using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Weft.Identity.Ca;
using Weft.Proxy.Tests.Certificates;
using Weft.Testing;

namespace Weft.Proxy.Tests.Security;

/// <summary>
/// Attacks on a sidecar's mesh TLS with the real curl: each credential that does not lead to
/// the mesh root, or no longer is valid, is refused at the handshake and says why; the
/// application never sees the request.
/// </summary>
public class AdversarialTlsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The system clock moved by hand, so a real CA can sign a certificate that has already expired.</summary>
    private sealed class ShiftedTime : TimeProvider
    {
        public TimeSpan Offset { get; set; }

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
    }

    private static async Task<Run.Result> CurlWithAsync(MeshPair mesh, string cert, string key) =>
        await Run.CommandAsync("curl", ["-sS", "-k", "--cert", cert, "--key", key, "--max-time", "10", $"https://{mesh.ServerAddress}:{mesh.ServerPort}/travels"], timeout: TimeSpan.FromSeconds(30));

    [Fact]
    public async Task A_self_signed_certificate_forging_a_mesh_SPIFFE_id_is_refused()
    {
        var ca = MeshCa.CreateWithNewRoot("cluster.local", TimeProvider.System);
        await using var mesh = await MeshPair.StartAsync(ca, serverCert: true, clientCert: false, null);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddUri(new Uri(MeshPair.Portal.ToString()));
        request.CertificateExtensions.Add(san.Build(critical: true));
        using var forged = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1));
        var cert = mesh.Dir.Write("forged.pem", forged.ExportCertificatePem());
        var keyFile = mesh.Dir.Write("forged-key.pem", key.ExportPkcs8PrivateKeyPem());

        var result = await CurlWithAsync(mesh, cert, keyFile);
        result.ExitCode.Should().NotBe(0, result.Output);
        mesh.App.Count.Should().Be(0);
        await mesh.Server.Process.WaitForLineAsync("Refused a mesh TLS peer: spiffe://cluster.local/ns/travel-portal/sa/travels: the certificate does not chain to a root of the mesh's trust bundle",
            TimeSpan.FromSeconds(10), Ct);
    }

    [Fact]
    public async Task An_expired_certificate_of_the_mesh_CA_is_refused()
    {
        var time = new ShiftedTime { Offset = TimeSpan.FromDays(-3) };
        var ca = MeshCa.CreateWithNewRoot("cluster.local", time);
        var expired = TestMesh.Issue(ca, MeshPair.Portal);
        time.Offset = TimeSpan.Zero;
        await using var mesh = await MeshPair.StartAsync(ca, serverCert: true, clientCert: false, null);
        var cert = mesh.Dir.Write("expired.pem", expired.ChainPem);
        var key = mesh.Dir.Write("expired-key.pem", expired.KeyPem());

        var result = await CurlWithAsync(mesh, cert, key);
        result.ExitCode.Should().NotBe(0, result.Output);
        mesh.App.Count.Should().Be(0);
        var line = await mesh.Server.Process.WaitForLineAsync("Refused a mesh TLS peer: spiffe://cluster.local/ns/travel-portal/sa/travels", TimeSpan.FromSeconds(10), Ct);
        line.Should().Contain($"expired at {expired.NotAfter.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}");
    }

    [Fact]
    public async Task A_client_without_a_certificate_cannot_complete_the_mesh_handshake()
    {
        var ca = MeshCa.CreateWithNewRoot("cluster.local", TimeProvider.System);
        await using var mesh = await MeshPair.StartAsync(ca, serverCert: true, clientCert: false, null);
        var result = await Run.CommandAsync("curl", ["-sS", "-k", "--max-time", "10", $"https://{mesh.ServerAddress}:{mesh.ServerPort}/travels"], timeout: TimeSpan.FromSeconds(30));
        result.ExitCode.Should().NotBe(0, result.Output);
        mesh.App.Count.Should().Be(0);
        await mesh.Server.Process.WaitForLineAsync("Refused a mesh TLS peer: the peer presented no certificate", TimeSpan.FromSeconds(10), Ct);
    }
}
