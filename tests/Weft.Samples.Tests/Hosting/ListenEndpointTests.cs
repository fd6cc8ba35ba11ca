using System.Net;
using Weft.Samples.Hosting;

namespace Weft.Samples.Tests.Hosting;

public sealed class ListenEndpointTests
{
    private static ListenEndpoint Resolve(int? option, params (string Name, string Value)[] vars)
    {
        var env = new EnvReader(vars.ToDictionary(v => v.Name, v => v.Value));
        var endpoint = ListenEndpoint.Resolve(env, option, 8091);
        env.Errors.Should().BeEmpty();
        return endpoint;
    }

    [Fact]
    public void Unset_it_is_the_services_default_port_on_loopback() =>
        Resolve(null).Should().Be(new ListenEndpoint(IPAddress.Loopback, 8091, "from defaults"));

    [Fact]
    public void The_demos_colon_port_means_every_interface() =>
        Resolve(null, ("LISTEN_ADDRESS", ":8000")).Should().Be(new ListenEndpoint(null, 8000, "from LISTEN_ADDRESS"));

    [Fact]
    public void The_port_option_beats_LISTEN_ADDRESS_and_PORT_beats_the_option()
    {
        Resolve(9000, ("LISTEN_ADDRESS", "127.0.0.7:8000")).Should().Be(new ListenEndpoint(IPAddress.Parse("127.0.0.7"), 9000, "host from LISTEN_ADDRESS, port from --port"));
        Resolve(9000, ("PORT", "9100"), ("HOST", "0.0.0.0")).Should().Be(new ListenEndpoint(null, 9100, "host from HOST, port from PORT"));
    }

    [Fact]
    public void Bad_addresses_are_reported_with_the_variable_and_an_example()
    {
        var env = new EnvReader(new Dictionary<string, string> { ["LISTEN_ADDRESS"] = "8000", ["HOST"] = "cars.local", ["PORT"] = "70000" });
        ListenEndpoint.Resolve(env, null, 8091);
        env.Errors.Should().Equal(
            "LISTEN_ADDRESS=8000: expected [host]:port, e.g. :8000 or 127.0.0.1:8000",
            "HOST=cars.local: expected an IP address (or localhost) to listen on",
            "PORT=70000: expected a whole number from 0 to 65535");
    }
}
