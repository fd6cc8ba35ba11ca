using Weft.Identity.Ca;
using Weft.Proxy.Security.Certificates;
using Weft.Testing;

namespace Weft.Proxy.Tests.Certificates;

/// <summary>What the proxy does at start with what it has: a saved certificate, a token, or neither.</summary>
public class ProxyIdentityTests
{
    private readonly MeshCa _ca = MeshCa.CreateWithNewRoot("cluster.local", TimeProvider.System);

    [Fact]
    public async Task A_restarted_proxy_reuses_its_saved_certificate_without_a_token_or_the_control_plane()
    {
        using var dir = Repo.TempDir("proxy-data");
        var saved = TestMesh.Issue(_ca, TestMesh.Cars);
        new CertificateFiles(Path.Combine(dir.Path, "certs")).Save(saved);
        // No token, and nothing listens at the CA address: only the saved certificate can work.
        await using var identity = TestMesh.Identity(dir.Path);
        identity.Start();
        var first = await identity.FirstCertificate.WaitAsync(TimeSpan.FromSeconds(10));
        first.Certificate.Thumbprint.Should().Be(saved.Certificate.Thumbprint);
        identity.Current.Should().BeSameAs(first);
    }

    [Fact]
    public async Task Without_a_saved_certificate_or_a_token_the_proxy_says_how_to_get_one()
    {
        using var dir = Repo.TempDir("proxy-data");
        await using var identity = TestMesh.Identity(dir.Path);
        identity.Start();
        var e = await FluentActions.Awaiting(() => identity.FirstCertificate.WaitAsync(TimeSpan.FromSeconds(10))).Should().ThrowAsync<InvalidOperationException>();
        e.Which.Message.Should().Be($"no certificate is saved in {Path.Combine(dir.Path, "certs")}, and no bootstrap token was given: create one with 'weft workload token create --namespace vm --service-account cars' and pass it with --token-file");
        identity.Failure.Should().Be(e.Which.Message);
        identity.Current.Should().BeNull();
    }

    [Fact]
    public async Task A_token_without_any_root_to_trust_the_control_plane_by_is_not_sent()
    {
        using var dir = Repo.TempDir("proxy-data");
        await using var identity = TestMesh.Identity(dir.Path, token: "weftbt.AAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        identity.Start();
        (await FluentActions.Awaiting(() => identity.FirstCertificate.WaitAsync(TimeSpan.FromSeconds(10))).Should().ThrowAsync<InvalidOperationException>())
            .Which.Message.Should().Contain("there is no mesh root to trust https://127.0.0.1:1/ by: pass --ca-root-file");
    }
}
