using Weft.Identity.Ca;
using Weft.Identity.Certificates;
using Weft.Identity.Tests.Support;
using Weft.Testing;

namespace Weft.Identity.Tests.Ca;

/// <summary>Plugging in a CA made with openssl, as Istio's docs make cacerts.</summary>
public class CaCertsTests
{
    [Theory]
    [InlineData("ec")]
    [InlineData("rsa")]
    public async Task An_intermediate_CA_from_cacerts_signs_and_openssl_chains_the_leaf_to_the_root(string keyAlgorithm)
    {
        using var dir = Repo.TempDir("cacerts");
        await OpenSsl.MakeCaCertsAsync(dir.Path, keyAlgorithm);
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var authority = CaCerts.Load(dir.Path, clock.GetUtcNow());
        authority.IsRoot.Should().BeFalse();
        authority.Root.Subject.Should().Be("CN=Root CA, O=Istio");
        authority.Intermediates.Should().BeEmpty("cert-chain.pem holds ca-cert.pem and the root only");

        var ca = new MeshCa("cluster.local", [new CaGeneration(authority, authority.Root, clock.GetUtcNow(), null)], clock);
        var cert = Certs.Issue(ca, Certs.Id("vm", "cars"));
        cert.Intermediates.Should().ContainSingle().Which.Subject.Should().Contain("CN=Intermediate CA", "workloads get the intermediate with their certificate");

        dir.Write("leaf.pem", cert.ChainPem);
        dir.Write("chain.pem", Pem.Write(cert.Intermediates));
        var verify = await OpenSsl.RunAsync(dir.Path, "verify", "-CAfile", "root-cert.pem", "-untrusted", "chain.pem", "leaf.pem");
        verify.StdOut.Should().Contain("leaf.pem: OK", verify.Output);
    }

    [Fact]
    public async Task Every_problem_of_a_cacerts_directory_is_reported_at_once()
    {
        using var dir = Repo.TempDir("cacerts");
        await OpenSsl.MakeCaCertsAsync(dir.Path);
        File.Delete(dir.File("cert-chain.pem"));
        // A key that is not ca-cert.pem's: the root's.
        File.Copy(dir.File("root-key.pem"), dir.File("ca-key.pem"), overwrite: true);
        var e = FluentActions.Invoking(() => CaCerts.Load(dir.Path, DateTimeOffset.UtcNow)).Should().Throw<CaLoadException>().Which;
        e.Problems.Should().Contain(p => p.StartsWith("cert-chain.pem is missing", StringComparison.Ordinal));
        e.Problems.Should().Contain(p => p.StartsWith("ca-key.pem: the key does not belong to ca-cert.pem", StringComparison.Ordinal));
        e.Message.Should().StartWith($"cannot use the CA in {dir.Path}: ");
    }

    [Fact]
    public async Task Missing_files_are_named()
    {
        using var dir = Repo.TempDir("cacerts");
        await OpenSsl.MakeCaCertsAsync(dir.Path);
        File.Delete(dir.File("ca-key.pem"));
        File.Delete(dir.File("root-cert.pem"));
        FluentActions.Invoking(() => CaCerts.Load(dir.Path, DateTimeOffset.UtcNow)).Should().Throw<CaLoadException>()
            .Which.Problems.Should().Contain(["ca-key.pem is missing", "root-cert.pem is missing"]);
    }

    [Fact]
    public async Task A_ca_cert_that_is_not_a_CA_is_refused()
    {
        using var dir = Repo.TempDir("cacerts");
        await OpenSsl.MakeCaCertsAsync(dir.Path);
        // A plain leaf (no CA:true) signed by the root, posing as the intermediate.
        await OpenSsl.MustAsync(dir.Path, "req", "-new", "-nodes", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
            "-keyout", "ca-key.pem", "-out", "leaf.csr", "-subj", "/CN=not-a-ca");
        await OpenSsl.MustAsync(dir.Path, "x509", "-req", "-in", "leaf.csr", "-CA", "root-cert.pem", "-CAkey", "root-key.pem",
            "-CAcreateserial", "-out", "ca-cert.pem", "-days", "30");
        File.WriteAllText(dir.File("cert-chain.pem"), File.ReadAllText(dir.File("ca-cert.pem")) + File.ReadAllText(dir.File("root-cert.pem")));
        FluentActions.Invoking(() => CaCerts.Load(dir.Path, DateTimeOffset.UtcNow)).Should().Throw<CaLoadException>()
            .Which.Problems.Should().Contain(p => p.Contains("is not a CA certificate"));
    }

    [Fact]
    public async Task A_ca_cert_from_another_root_is_refused()
    {
        using var dir = Repo.TempDir("cacerts");
        using var other = Repo.TempDir("cacerts-other");
        await OpenSsl.MakeCaCertsAsync(dir.Path);
        await OpenSsl.MakeCaCertsAsync(other.Path);
        File.Copy(other.File("root-cert.pem"), dir.File("root-cert.pem"), overwrite: true);
        FluentActions.Invoking(() => CaCerts.Load(dir.Path, DateTimeOffset.UtcNow)).Should().Throw<CaLoadException>()
            .Which.Problems.Should().ContainSingle(p => p.Contains("does not chain to root-cert.pem"));
    }
}
