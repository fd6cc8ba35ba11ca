using System.Net;
using Weft.Proxy.Tests.Infrastructure;
using Weft.Testing;

namespace Weft.Proxy.Tests.Telemetry;

/// <summary>The admin endpoint's /access_log: the last lines the access log wrote, for the console's access-log tab.</summary>
public sealed class AccessLogTailTests
{
    [Fact]
    public async Task Access_log_on_the_admin_endpoint_answers_the_last_lines_oldest_first_and_refuses_a_bad_count()
    {
        await using var backend = await TestBackend.StartAsync("b");
        await using var proxy = await ProxyUnderTest.StartAsync(Snap.Forwarding(Net.UniqueLoopback(), 8080, backend));
        foreach (var path in new[] { "/one", "/two", "/three" })
            (await proxy.Client.GetStringAsync(path)).Should().Be("b");

        // The log is written off the request path: poll until the third line is there.
        var lines = Array.Empty<string>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            lines = (await proxy.Process.AdminGetAsync("/access_log?lines=2")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (lines.Any(l => l.Contains("\"GET /three HTTP/1.1\" 200 ", StringComparison.Ordinal)))
                break;
            await Task.Delay(100);
        }
        lines.Should().HaveCount(2);
        lines[0].Should().Contain("\"GET /two HTTP/1.1\" 200 ");
        lines[1].Should().Contain("\"GET /three HTTP/1.1\" 200 ");
        (await proxy.Process.AdminGetAsync("/access_log")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(3);
        (await proxy.Process.AdminGetAsync("/")).Should().Contain("  /access_log: the last access-log lines kept in memory, oldest first\n");

        using var bad = await proxy.Process.Admin.GetAsync("access_log?lines=lots");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).Should().Be("cannot parse 'lots' for parameter 'lines': expected a whole number from 1 to 1000\n");
    }
}
