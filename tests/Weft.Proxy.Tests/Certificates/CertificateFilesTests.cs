using Weft.Identity.Ca;
using Weft.Identity.Keys;
using Weft.Identity.Spiffe;
using Weft.Proxy.Security.Certificates;
using Weft.Testing;

namespace Weft.Proxy.Tests.Certificates;

public class CertificateFilesTests
{
    private readonly MeshCa _ca = MeshCa.CreateWithNewRoot("cluster.local", TimeProvider.System);

    [Fact]
    public void A_saved_certificate_reads_back_in_Istio_s_layout_with_the_key_readable_by_the_owner_only()
    {
        using var dir = Repo.TempDir("proxy-certs");
        var files = new CertificateFiles(dir.File("certs"));
        var cert = TestMesh.Issue(_ca, TestMesh.Cars);
        files.Save(cert);
        File.GetUnixFileMode(files.KeyPath).Should().Be(SecretFile.Mode);
        File.GetUnixFileMode(files.ChainPath).Should().Be(SecretFile.Mode);
        File.GetUnixFileMode(files.Directory).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.ReadAllText(files.KeyPath).Should().StartWith("-----BEGIN PRIVATE KEY-----");
        File.ReadAllText(files.RootPath).Should().Be(_ca.TrustBundle.ToPem());

        var back = files.Load(TestMesh.Cars, DateTimeOffset.UtcNow, out var reason);
        reason.Should().BeNull();
        back!.Certificate.Thumbprint.Should().Be(cert.Certificate.Thumbprint);
        back.Certificate.HasPrivateKey.Should().BeTrue();
        back.TrustBundle.SameRootsAs(_ca.TrustBundle).Should().BeTrue();
    }

    [Fact]
    public void A_saved_certificate_of_another_identity_is_not_used()
    {
        using var dir = Repo.TempDir("proxy-certs");
        var files = new CertificateFiles(dir.Path);
        files.Save(TestMesh.Issue(_ca, SpiffeId.Create("cluster.local", "vm", "payments")));
        files.Load(TestMesh.Cars, DateTimeOffset.UtcNow, out var reason).Should().BeNull();
        reason.Should().Be("the saved certificate is for spiffe://cluster.local/ns/vm/sa/payments, but this proxy is spiffe://cluster.local/ns/vm/sa/cars");
    }

    [Fact]
    public void An_expired_saved_certificate_is_not_used()
    {
        using var dir = Repo.TempDir("proxy-certs");
        var files = new CertificateFiles(dir.Path);
        var cert = TestMesh.Issue(_ca, TestMesh.Cars, TimeSpan.FromHours(1));
        files.Save(cert);
        files.Load(TestMesh.Cars, cert.NotAfter, out var reason).Should().BeNull();
        reason.Should().StartWith("the saved certificate for spiffe://cluster.local/ns/vm/sa/cars expired at");
    }

    [Fact]
    public void A_key_that_does_not_match_its_certificate_after_a_crash_is_refused_not_served()
    {
        using var dir = Repo.TempDir("proxy-certs");
        var files = new CertificateFiles(dir.Path);
        files.Save(TestMesh.Issue(_ca, TestMesh.Cars));
        var newer = TestMesh.Issue(_ca, TestMesh.Cars);
        File.WriteAllText(files.KeyPath, newer.KeyPem());   // the key was replaced, the chain was not
        files.Load(TestMesh.Cars, DateTimeOffset.UtcNow, out var reason).Should().BeNull();
        reason.Should().Contain("the private key does not belong to the certificate");
    }

    [Fact]
    public void Nothing_saved_is_said_plainly()
    {
        using var dir = Repo.TempDir("proxy-certs");
        new CertificateFiles(dir.Path).Load(TestMesh.Cars, DateTimeOffset.UtcNow, out var reason).Should().BeNull();
        reason.Should().Be($"no certificate is saved in {dir.Path}");
    }
}
