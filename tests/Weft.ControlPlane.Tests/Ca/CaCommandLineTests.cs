using System.Net;
using Weft.ControlPlane.Hosting;
using Weft.Testing;

namespace Weft.ControlPlane.Tests.Ca;

public class CaCommandLineTests
{
    [Fact]
    public void The_TLS_port_for_discovery_and_certificates_is_loopback_15012_by_default_and_may_be_moved_by_either_name()
    {
        var defaults = WeftdCommandLine.Parse(["--data-dir", "/tmp/d"], "/home/u").Options!;
        defaults.Ca.Listen.Should().Be(new IPEndPoint(IPAddress.Loopback, 15012));
        defaults.InsecureDiscoveryListen.Should().BeNull("plaintext discovery is never a default");
        defaults.Ca.ListenExplicit.Should().BeFalse();
        defaults.Ca.CaCertsDir.Should().BeNull();

        var moved = WeftdCommandLine.Parse(["--data-dir", "/tmp/d", "--ca-listen", "0.0.0.0:0", "--ca-kek-file", "/run/keys/kek"], "/home/u").Options!;
        moved.Ca.Listen.Should().Be(new IPEndPoint(IPAddress.Any, 0));
        moved.Ca.ListenExplicit.Should().BeTrue();
        moved.Ca.KekFile.Should().Be("/run/keys/kek");

        var both = WeftdCommandLine.Parse(["--data-dir", "/tmp/d", "--discovery-listen", "127.0.0.1:0", "--ca-listen", "127.0.0.1:0"], "/home/u").Options!;
        both.Ca.Listen.Should().Be(new IPEndPoint(IPAddress.Loopback, 0));
        both.Ca.ListenExplicit.Should().BeTrue();
    }

    [Fact]
    public void Discovery_and_ca_listen_on_different_addresses_are_refused_because_they_are_one_port()
    {
        var parsed = WeftdCommandLine.Parse(["--data-dir", "/tmp/d", "--discovery-listen", "127.0.0.1:15012", "--ca-listen", "127.0.0.1:15013"], "/home/u");
        parsed.Options.Should().BeNull();
        parsed.Errors.Should().Equal(
            "--ca-listen: \"127.0.0.1:15013\" differs from --discovery-listen 127.0.0.1:15012: discovery and the certificate endpoint share weftd's one TLS port now; give --discovery-listen only");
    }

    [Fact]
    public void Plaintext_discovery_is_only_served_where_the_insecure_flag_says()
    {
        var parsed = WeftdCommandLine.Parse(["--data-dir", "/tmp/d", "--insecure-discovery-listen", ":0"], "/home/u").Options!;
        parsed.InsecureDiscoveryListen.Should().Be(new IPEndPoint(IPAddress.Loopback, 0));
        parsed.Ca.Listen.Should().Be(new IPEndPoint(IPAddress.Loopback, 15012), "the TLS port stays where it is");
        WeftdCommandLine.Parse(["--insecure-discovery-listen", "somewhere"], "/home/u").Errors.Should().Equal(
            "--insecure-discovery-listen: \"somewhere\" is not ADDR:PORT (for example 127.0.0.1:20001, [::1]:20001 or :20001)");
        WeftdCommandLine.Usage.Should().Contain("--insecure-discovery-listen ADDR:PORT").And.Contain("for development and tests only");
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
