using Weft.Testing;

namespace Weft.Samples.Tests.Infrastructure;

/// <summary>
/// A real weft-samples process: one service on a loopback address of its own (told by HOST
/// and PORT, as Weft's workload runner tells it), waited for until its ready line, stopped on
/// dispose. Proxy and demo variables of the test's own environment are removed, so only what a
/// test passes reaches the sample.
/// </summary>
public sealed class SampleProcess : IAsyncDisposable
{
    /// <summary>Variables that would change a sample's behaviour if the test runner happened to have them.</summary>
    private static readonly string[] Cleared =
    [
        "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy",
        "HOST", "PORT", "LISTEN_ADDRESS", "CURRENT_SERVICE", "CURRENT_VERSION", "SERVICE_VERSION",
        "FAIL_WITH_5XX", "FAIL_STATUS", "CHAOS_MONKEY", "ENABLE_RATINGS", "STAR_COLOR", "WEBROOT",
    ];

    private SampleProcess(string service, string address, int port, ManagedProcess process)
    {
        Service = service;
        Address = address;
        Port = port;
        Process = process;
        Client = TestHttp.CreateClient(BaseUrl);
    }

    public string Service { get; }

    public string Address { get; }

    public int Port { get; }

    public string BaseUrl => $"http://{Address}:{Port}";

    /// <summary>A client for this service (no proxy), with <see cref="BaseUrl"/> as its base address.</summary>
    public HttpClient Client { get; }

    public ManagedProcess Process { get; }

    public string Output => Process.Output;

    public static string Binary => Repo.Binary("Weft.Samples", "weft-samples");

    public static async Task<SampleProcess> StartAsync(string service, IReadOnlyDictionary<string, string>? env = null,
        string? address = null, int port = 8000, TimeSpan? timeout = null)
    {
        address ??= Net.UniqueLoopback();
        var all = Environment(env);
        all["HOST"] = address;
        all["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = ManagedProcess.Start(Binary, [service], all);
        try
        {
            await process.WaitForLineAsync(" listening on http://", timeout ?? TimeSpan.FromSeconds(30));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
        return new SampleProcess(service, address, port, process);
    }

    /// <summary>The cleaned environment plus <paramref name="env"/>, for tests that start the program themselves.</summary>
    public static Dictionary<string, string?> Environment(IReadOnlyDictionary<string, string>? env = null)
    {
        var all = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in Cleared)
            all[name] = null;
        if (env is not null)
            foreach (var (k, v) in env)
                all[k] = v;
        return all;
    }

    /// <summary>How many output lines contain <paramref name="text"/> (the request log has one line per request).</summary>
    public int CountLines(string text) => Output.Split('\n').Count(l => l.Contains(text, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Process.DisposeAsync();
    }
}
