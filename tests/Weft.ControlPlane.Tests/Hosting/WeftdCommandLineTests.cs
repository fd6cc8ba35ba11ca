using System.Net;
using Weft.ControlPlane.Hosting;

namespace Weft.ControlPlane.Tests.Hosting;

public class WeftdCommandLineTests
{
    [Fact]
    public void Without_options_weftd_listens_on_loopback_port_20001_with_its_data_under_HOME()
    {
        var parsed = WeftdCommandLine.Parse([], "/home/ada");
        parsed.Errors.Should().BeEmpty();
        parsed.Options!.DataDir.Should().Be("/home/ada/.weft/data");
        parsed.Options.Listen.Should().Be(new IPEndPoint(IPAddress.Loopback, 20001));
        parsed.Options.WatchHistory.Should().Be(10_000);
    }

    [Theory]
    [InlineData("127.0.0.1:8080", "127.0.0.1:8080")]
    [InlineData(":8080", "127.0.0.1:8080")]
    [InlineData("localhost:0", "127.0.0.1:0")]
    [InlineData("0.0.0.0:20001", "0.0.0.0:20001")]
    [InlineData("[::1]:9", "[::1]:9")]
    [InlineData("10.1.2.3:443", "10.1.2.3:443")]
    public void Listen_addresses_are_read_as_ADDR_PORT(string listen, string expected) =>
        WeftdCommandLine.Parse(["--listen", listen], "/h").Options!.Listen.ToString().Should().Be(expected);

    [Theory]
    [InlineData("8080", "--listen: \"8080\" is not ADDR:PORT (for example 127.0.0.1:20001, [::1]:20001 or :20001)")]
    [InlineData("127.0.0.1:http", "--listen: \"127.0.0.1:http\" has no valid port: \"http\" is not a number from 0 to 65535")]
    [InlineData("127.0.0.1:70000", "--listen: \"127.0.0.1:70000\" has no valid port: \"70000\" is not a number from 0 to 65535")]
    [InlineData("example.com:80", "--listen: \"example.com:80\" has no valid address: \"example.com\" is not an IP address (use 127.0.0.1, 0.0.0.0, [::1], localhost or nothing for loopback)")]
    [InlineData("::1:80", "--listen: \"::1:80\" has no valid address: \"::1\" is not an IP address (use 127.0.0.1, 0.0.0.0, [::1], localhost or nothing for loopback)")]
    public void Bad_listen_addresses_say_what_is_wrong(string listen, string error) =>
        WeftdCommandLine.Parse(["--listen", listen], "/h").Errors.Should().Equal(error);

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var parsed = WeftdCommandLine.Parse(["--data-dir", "--listen=x", "extra", "--watch-history=-1"], null);
        parsed.Options.Should().BeNull();
        parsed.Errors.Should().Equal(
            "option --data-dir needs a value",
            "--listen: \"x\" is not ADDR:PORT (for example 127.0.0.1:20001, [::1]:20001 or :20001)",
            "unexpected argument \"extra\" (weftd takes options only)",
            "--watch-history: \"-1\" is not a number of revisions (a whole number, at least 1)",
            "HOME is not set, so there is no default data directory ($HOME/.weft/data); pass --data-dir DIR");
    }

    [Theory]
    [InlineData("1234", null)]
    [InlineData("0", "--exit-with: \"0\" is not a process id (a whole number, at least 1)")]
    [InlineData("me", "--exit-with: \"me\" is not a process id (a whole number, at least 1)")]
    public void Exit_with_takes_a_process_id(string value, string? error)
    {
        var parsed = WeftdCommandLine.Parse(["--exit-with", value], "/h");
        if (error is null)
            parsed.Options!.ExitWithPid.Should().Be(1234);
        else
            parsed.Errors.Should().Equal(error);
    }

    [Fact]
    public void Help_is_a_request_not_an_error()
    {
        var parsed = WeftdCommandLine.Parse(["--help", "--bogus"], null);
        parsed.Help.Should().BeTrue();
        parsed.Errors.Should().BeEmpty();
        WeftdCommandLine.Usage.Should().Contain("--data-dir DIR").And.Contain("weftd listening on http://ADDR:PORT");
    }

    [Fact]
    public void A_relative_data_directory_is_made_absolute() =>
        WeftdCommandLine.Parse(["--data-dir", "rel/data"], "/h").Options!.DataDir.Should().Be(Path.GetFullPath("rel/data"));
}
