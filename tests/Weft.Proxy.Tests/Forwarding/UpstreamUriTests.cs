using Weft.Discovery.Endpoints;
using Weft.Proxy.Forwarding;
using Weft.Proxy.Upstream;

namespace Weft.Proxy.Tests.Forwarding;

public sealed class UpstreamUriTests
{
    private readonly EndpointState _ep = new(new LbEndpoint { Address = "127.0.0.7", Port = 8080 });

    [Fact]
    public void A_repeated_path_to_one_endpoint_reuses_the_uri_built_for_it()
    {
        var first = UpstreamUri.For(_ep, tls: false, "/reviews/1?x=y");
        var again = UpstreamUri.For(_ep, tls: false, "/reviews/1?x=y");

        first.ToString().Should().Be("http://127.0.0.7:8080/reviews/1?x=y");
        again.Should().BeSameAs(first);
    }

    [Fact]
    public void Another_path_or_scheme_builds_its_own_uri_as_new_Uri_would()
    {
        var plain = UpstreamUri.For(_ep, tls: false, "/a");
        var other = UpstreamUri.For(_ep, tls: false, "/b");
        var tls = UpstreamUri.For(_ep, tls: true, "/b");

        other.Should().NotBeSameAs(plain);
        other.ToString().Should().Be("http://127.0.0.7:8080/b");
        tls.ToString().Should().Be("https://127.0.0.7:8080/b");
        UpstreamUri.For(_ep, tls: false, "/a").Should().Be(new Uri(_ep.BaseUri, "/a"));
    }
}
