using System.Net;
using Weft.ControlPlane.Hosting;
using Weft.Testing;

namespace Weft.ControlPlane.Tests.Ca;

public class CaCommandLineTests
{
    [Fact]
    public void The_certificate_endpoint_listens_on_loopback_15013_by_default_and_may_be_moved()
    {
        var defaults = WeftdCommandLine.Parse(["--data-dir", "/tmp/d"], "/home/u").Options!;
        defaults.Ca.Listen.Should().Be(new IPEndPoint(IPAddress.Loopback, 15013));
        defaults.Ca.ListenExplicit.Should().BeFalse();
        defaults.Ca.CaCertsDir.Should().BeNull();

        var moved = WeftdCommandLine.Parse(["--data-dir", "/tmp/d", "--ca-listen", "0.0.0.0:0", "--ca-kek-file", "/run/keys/kek"], "/home/u").Options!;
        moved.Ca.Listen.Should().Be(new IPEndPoint(IPAddress.Any, 0));
        moved.Ca.ListenExplicit.Should().BeTrue();
        moved.Ca.KekFile.Should().Be("/run/keys/kek");
    }

    [Fact]
    public void A_cacerts_directory_must_exist_and_a_bad_address_is_named()
    {
        var parsed = WeftdCommandLine.Parse(["--cacerts", "/nonexistent/cacerts", "--ca-listen", "nowhere"], "/home/u");
        parsed.Options.Should().BeNull();
        parsed.Errors.Should().Equal(
            "--cacerts: \"/nonexistent/cacerts\" is not a directory (it holds ca-cert.pem, ca-key.pem, root-cert.pem and cert-chain.pem)",
            "--ca-listen: \"nowhere\" is not ADDR:PORT (for example 127.0.0.1:20001, [::1]:20001 or :20001)");
    }

    [Fact]
    public void A_cacerts_directory_is_taken_as_an_absolute_path()
    {
        using var dir = Repo.TempDir("cacerts");
        var parsed = WeftdCommandLine.Parse(["--data-dir", "/tmp/d", "--cacerts", dir.Path], "/home/u");
        parsed.Options!.Ca.CaCertsDir.Should().Be(dir.Path);
        WeftdCommandLine.Usage.Should().Contain("--cacerts DIR").And.Contain("--ca-listen ADDR:PORT").And.Contain("--ca-kek-file FILE");
    }
}
