using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Weft.ControlPlane.Tests.Resources;
using Weft.Identity.Ca;
using Weft.Identity.Csr;
using Weft.Identity.Keys;
using Weft.Testing;

namespace Weft.ControlPlane.Tests.Ca;

/// <summary>The CA across restarts: the same root, its key sealed at rest, tokens spent for good.</summary>
public class CaPersistenceTests
{
    [Fact]
    public async Task The_root_survives_a_restart_and_its_key_is_never_on_disk_in_clear()
    {
        using var dir = Repo.TempDir("weft-ca");
        var data = dir.File("data");
        string fingerprint;
        await using (var first = await CaTestServer.StartAsync(data))
            fingerprint = first.Server.Ca.Ca.Signer.Root.Thumbprint;

        var caDir = Path.Combine(data, "ca");
        var state = File.ReadAllText(Path.Combine(caDir, "ca.json"));
        state.Should().NotContain("PRIVATE KEY").And.Contain("sealedKey");
        File.GetUnixFileMode(Path.Combine(caDir, "ca.json")).Should().Be(SecretFile.Mode);
        File.GetUnixFileMode(Path.Combine(caDir, "kek")).Should().Be(SecretFile.Mode);
        File.GetUnixFileMode(caDir).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        await using var second = await CaTestServer.StartAsync(data);
        second.Server.Ca.Ca.Signer.Root.Thumbprint.Should().Be(fingerprint);
        second.Server.Ca.Ca.Signer.Certificate.HasPrivateKey.Should().BeTrue();
        second.AllLogs.Should().Contain("loaded from").And.NotContain("Generated a new mesh root");
    }

    [Fact]
    public async Task A_token_spent_before_a_restart_stays_spent_and_an_unspent_one_still_works()
    {
        using var dir = Repo.TempDir("weft-ca");
        var data = dir.File("data");
        string spent, unspent;
        await using (var first = await CaTestServer.StartAsync(data))
        {
            spent = await first.TokenAsync("vm", "cars");
            unspent = await first.TokenAsync("vm", "reviews");
            await first.BootstrapAsync(first.Id("vm", "cars"), spent);
        }
        await using var second = await CaTestServer.StartAsync(data);
        using var pending = CsrBuilder.Create(second.Id("vm", "cars"));
        var (code, body) = await second.RequestAsync(pending.CsrPem, spent);
        code.Should().Be(System.Net.HttpStatusCode.Unauthorized);
        CaTestServer.Message(body).Should().Contain("already used");
        (await second.BootstrapAsync(second.Id("vm", "reviews"), unspent)).Identity.Should().Be(second.Id("vm", "reviews"));
    }

    [Fact]
    public async Task Without_its_key_encryption_key_weftd_refuses_to_start_and_says_what_to_do()
    {
        using var dir = Repo.TempDir("weft-ca");
        var data = dir.File("data");
        await using (await CaTestServer.StartAsync(data))
        {
        }
        File.Delete(Path.Combine(data, "ca", "kek"));
        var e = await FluentActions.Awaiting(() => CaTestServer.StartAsync(data)).Should().ThrowAsync<CaLoadException>();
        e.Which.Message.Should().Contain("its key is sealed with a key-encryption key that is missing").And.Contain("restore that file");
        File.Exists(Path.Combine(data, "ca", "kek")).Should().BeFalse("a new KEK would not open the old key; none is made");
    }

    [Fact]
    public async Task Another_key_encryption_key_cannot_open_the_CA_key()
    {
        using var dir = Repo.TempDir("weft-ca");
        var data = dir.File("data");
        await using (await CaTestServer.StartAsync(data))
        {
        }
        File.WriteAllText(Path.Combine(data, "ca", "kek"), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        (await FluentActions.Awaiting(() => CaTestServer.StartAsync(data)).Should().ThrowAsync<CaLoadException>())
            .Which.Message.Should().Contain("encrypted with another key-encryption key, or it was altered");
    }

    [Fact]
    public async Task A_key_encryption_key_kept_outside_the_data_directory_is_used_and_the_data_directory_holds_none()
    {
        using var dir = Repo.TempDir("weft-ca");
        var kek = dir.File("elsewhere/kek");
        KeyEncryptionKey.Load(kek, create: true, out _);
        await using var weft = await CaTestServer.StartAsync(dir.File("data"), kekFile: kek);
        File.Exists(Path.Combine(weft.DataDir, "ca", "kek")).Should().BeFalse();
        weft.Server.Ca.Ca.Signer.Certificate.HasPrivateKey.Should().BeTrue();
    }

    [Fact]
    public async Task A_root_rotation_survives_a_restart_with_both_roots_trusted()
    {
        using var dir = Repo.TempDir("weft-ca");
        var data = dir.File("data");
        var clock = new ManualTime(DateTimeOffset.UtcNow);
        await using (var first = await CaTestServer.StartAsync(data, clock: clock))
            await first.Server.Ca.RotateRootAsync(TimeSpan.FromHours(1), TimeSpan.FromDays(1), CaTestServer.Ct);
        await using var second = await CaTestServer.StartAsync(data, clock: clock);
        second.Server.Ca.Ca.TrustBundle.Roots.Should().HaveCount(2);
        var oldRoot = second.Server.Ca.Ca.Signer.Root;
        clock.Advance(TimeSpan.FromHours(1));
        second.Server.Ca.Ca.Signer.Root.Should().NotBeSameAs(oldRoot, "the new root signs after the propagation period");
        second.Server.Ca.Ca.Signer.Certificate.HasPrivateKey.Should().BeTrue();
    }

    [Fact]
    public async Task A_plugged_in_CA_signs_hands_out_its_intermediate_and_replacing_the_generated_root_keeps_it_trusted()
    {
        using var dir = Repo.TempDir("weft-ca");
        var data = dir.File("data");
        X509Certificate2 generatedRoot;
        await using (var first = await CaTestServer.StartAsync(data))
            generatedRoot = first.Server.Ca.Ca.Signer.Root;

        var cacerts = dir.File("cacerts");
        var (root, intermediate) = CaCertsFiles.Write(cacerts);
        await using var plugged = await CaTestServer.StartAsync(data, caCerts: cacerts);
        plugged.Server.Ca.IsPlugged.Should().BeTrue();
        var cert = await plugged.BootstrapAsync(plugged.Id("vm", "cars"), await plugged.TokenAsync("vm", "cars"));
        cert.Intermediates.Should().ContainSingle().Which.Thumbprint.Should().Be(intermediate.Thumbprint);
        cert.TrustBundle.Roots.Select(r => r.Thumbprint).Should().BeEquivalentTo([root.Thumbprint, generatedRoot.Thumbprint],
            "certificates of the generated root keep working for the overlap");
        plugged.AllLogs.Should().Contain("has a new root");
        File.ReadAllText(Path.Combine(data, "ca", "ca.json")).Should().NotContain(File.ReadAllText(Path.Combine(cacerts, "ca-key.pem")).Split('\n')[1],
            "the plugged-in key stays where the operator put it");
    }

    [Fact]
    public async Task A_plugged_in_CA_needs_its_files_at_every_start()
    {
        using var dir = Repo.TempDir("weft-ca");
        var data = dir.File("data");
        CaCertsFiles.Write(dir.File("cacerts"));
        await using (await CaTestServer.StartAsync(data, caCerts: dir.File("cacerts")))
        {
        }
        (await FluentActions.Awaiting(() => CaTestServer.StartAsync(data)).Should().ThrowAsync<CaLoadException>())
            .Which.Message.Should().Contain("was plugged in with --cacerts and its key is not stored by weftd");
    }

    [Fact]
    public async Task A_broken_cacerts_directory_stops_the_start_with_every_problem()
    {
        using var dir = Repo.TempDir("weft-ca");
        CaCertsFiles.Write(dir.File("cacerts"));
        File.Delete(dir.File("cacerts/ca-key.pem"));
        File.Delete(dir.File("cacerts/cert-chain.pem"));
        (await FluentActions.Awaiting(() => CaTestServer.StartAsync(dir.File("data"), caCerts: dir.File("cacerts"))).Should().ThrowAsync<CaLoadException>())
            .Which.Problems.Should().Contain(p => p.StartsWith("ca-key.pem is missing", StringComparison.Ordinal))
            .And.Contain(p => p.StartsWith("cert-chain.pem is missing", StringComparison.Ordinal));
    }
}

/// <summary>An Istio cacerts directory (root, intermediate CA with its key, chain), written with .NET.</summary>
internal static class CaCertsFiles
{
    public static (X509Certificate2 Root, X509Certificate2 Intermediate) Write(string dir)
    {
        Directory.CreateDirectory(dir);
        var now = DateTimeOffset.UtcNow;
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest("CN=Plugged Root, O=Example", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false));
        using var root = rootRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Plugged Intermediate, O=Example", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        caRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        var intermediate = caRequest.Create(root, now.AddDays(-1), now.AddYears(2), [1, 2, 3, 4]);

        File.WriteAllText(Path.Combine(dir, "root-cert.pem"), root.ExportCertificatePem() + "\n");
        File.WriteAllText(Path.Combine(dir, "ca-cert.pem"), intermediate.ExportCertificatePem() + "\n");
        File.WriteAllText(Path.Combine(dir, "ca-key.pem"), caKey.ExportPkcs8PrivateKeyPem() + "\n");
        File.SetUnixFileMode(Path.Combine(dir, "ca-key.pem"), SecretFile.Mode);
        File.WriteAllText(Path.Combine(dir, "cert-chain.pem"), intermediate.ExportCertificatePem() + "\n" + root.ExportCertificatePem() + "\n");
        return (X509CertificateLoader.LoadCertificate(root.RawData), intermediate);
    }
}
