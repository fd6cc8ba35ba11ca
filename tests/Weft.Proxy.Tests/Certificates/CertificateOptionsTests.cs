using Weft.Proxy.Hosting;
using Weft.Testing;

namespace Weft.Proxy.Tests.Certificates;

public class CertificateOptionsTests
{
    private static readonly string[] Base = ["--discovery-address", "http://127.0.0.1:15012", "--namespace", "vm", "--service-account", "cars"];

    [Fact]
    public void The_certificate_flags_are_read_and_the_identity_follows_namespace_and_service_account()
    {
        using var dir = Repo.TempDir("proxy-certs");
        var token = dir.Write("token", "weftbt.x.y");
        var root = dir.Write("root-cert.pem", "");
        var (options, errors) = ProxyOptions.Parse([.. Base, "--ca-address", "https://10.0.0.5:15013", "--token-file", token, "--ca-root-file", root]);
        errors.Should().BeEmpty();
        var certs = options!.Certificates!;
        certs.CaAddress.Should().Be(new Uri("https://10.0.0.5:15013"));
        certs.TokenFile.Should().Be(token);
        certs.RootFile.Should().Be(root);
        certs.IdentityFor(options.Node.Namespace, options.Node.ServiceAccount).ToString().Should().Be("spiffe://cluster.local/ns/vm/sa/cars");
    }

    [Fact]
    public void Without_a_CA_address_the_proxy_asks_for_no_certificate() =>
        ProxyOptions.Parse(Base).Options!.Certificates.Should().BeNull();

    [Fact]
    public void Every_mistake_in_the_certificate_flags_is_reported_at_once()
    {
        var (options, errors) = ProxyOptions.Parse([.. Base, "--ca-address", "http://10.0.0.5:15013", "--trust-domain", "Cluster.Local"]);
        options.Should().BeNull();
        errors.Should().Equal(
            "cannot use 'Cluster.Local' for option '--trust-domain': the trust domain \"Cluster.Local\" has an uppercase letter 'C'; SPIFFE trust domains are lowercase",
            "cannot parse 'http://10.0.0.5:15013' for option '--ca-address': expected an https URL such as https://127.0.0.1:15013");
    }

    [Fact]
    public void A_token_without_a_CA_address_or_given_twice_or_missing_is_refused()
    {
        ProxyOptions.Parse([.. Base, "--bootstrap-token", "weftbt.x.y"]).Errors
            .Should().Equal("option '--bootstrap-token' needs '--ca-address' (where to exchange it for a certificate)");
        ProxyOptions.Parse([.. Base, "--ca-address", "https://h:1", "--bootstrap-token", "t", "--token-file", "/nonexistent/token"]).Errors
            .Should().Equal("options '--bootstrap-token' and '--token-file' give the token twice; use one",
                "cannot read '/nonexistent/token' for option '--token-file': the file does not exist");
    }

    [Fact]
    public void The_usage_names_the_certificate_flags() =>
        ProxyOptions.Usage.Should().Contain("--ca-address URL").And.Contain("--token-file PATH").And.Contain("--ca-root-file PATH").And.Contain("visible to other users in ps");
}
