using System.Net.Http.Headers;

namespace Weft.Testing;

/// <summary>How to start a <see cref="WeftdProcess"/>.</summary>
public sealed record WeftdStart
{
    /// <summary>The data directory; null: a fresh one under a temporary folder, removed on dispose (unless <see cref="Home"/> is set).</summary>
    public string? DataDir { get; init; }

    /// <summary>HOME for the process. With no <see cref="DataDir"/>, weftd then uses its default, $HOME/.weft/data.</summary>
    public string? Home { get; init; }

    /// <summary>Where to listen; port 0 (the default) lets the OS pick a free port, read back from the ready line.</summary>
    public string Listen { get; init; } = "127.0.0.1:0";

    /// <summary>
    /// Also serve discovery in plaintext h2c with no authentication (<c>--insecure-discovery-listen</c>
    /// on a free port, <see cref="WeftdProcess.InsecureDiscoveryAddress"/>): an explicit choice for
    /// data-plane tests that run proxies without certificates. Off: proxies connect only to the TLS
    /// port (<see cref="WeftdProcess.DiscoveryAddress"/>), with a workload certificate, as weftd's
    /// users do.
    /// </summary>
    public bool InsecureDiscovery { get; init; }

    /// <summary>More command-line arguments (e.g. <c>--watch-history 3</c>); a <c>--discovery-listen</c> here replaces the free port.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>How long weftd may take to be ready: generous, since a loaded CI machine took over 30 s (each start step seconds apart); only a failing start waits it out.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);
}

/// <summary>
/// A real weftd process for a test: its own data directory, a free loopback port, and HTTP clients
/// that carry its API token. Waits for the ready line (<c>weftd listening on http://ADDR:PORT</c>)
/// as the CLI does; stopped (SIGTERM, then SIGKILL) and its temporary folder removed on dispose.
/// Its TLS port (discovery and certificates) is on a free port unless the arguments say otherwise;
/// a plaintext discovery listener only with <see cref="WeftdStart.InsecureDiscovery"/>.
/// </summary>
public sealed class WeftdProcess : IAsyncDisposable
{
    public const string ReadyLinePrefix = "weftd listening on ";

    /// <summary>The log line naming weftd's TLS port (discovery and certificates); the https address ends it.</summary>
    public const string DiscoveryLinePrefix = "Discovery and certificates (TLS 1.3: push to proxies with workload certificates, bootstrap tokens, renewals) listening on ";

    /// <summary>The log line naming the plaintext listener (<c>--insecure-discovery-listen</c>); the http address ends it.</summary>
    public const string InsecureDiscoveryLinePrefix = "Insecure discovery (push to proxies, h2c, no authentication: any proxy gets any identity's config; for development and tests only) listening on ";

    private readonly TempDir? _owned;

    private readonly string? _insecureDiscovery;

    private WeftdProcess(ManagedProcess process, Uri baseAddress, string dataDir, string token, TempDir? owned, string? discovery, string? insecureDiscovery)
    {
        _discovery = discovery;
        _insecureDiscovery = insecureDiscovery;
        Process = process;
        BaseAddress = baseAddress;
        DataDir = dataDir;
        Token = token;
        _owned = owned;
    }

    public ManagedProcess Process { get; }

    /// <summary>The REST API, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    public string DataDir { get; }

    /// <summary>The API token, as weftd wrote it to DATA_DIR/token.</summary>
    public string Token { get; }

    private readonly string? _discovery;

    /// <summary>weftd's TLS port, <c>https://127.0.0.1:PORT</c>: the push stream (with a workload certificate) and the certificate endpoint.</summary>
    public string DiscoveryAddress => _discovery
        ?? throw new InvalidOperationException("this weftd's TLS port is not listening (see its log):\n" + Process.Output);

    /// <summary>The plaintext h2c discovery listener, <c>http://127.0.0.1:PORT</c>; only with <see cref="WeftdStart.InsecureDiscovery"/>.</summary>
    public string InsecureDiscoveryAddress => _insecureDiscovery
        ?? throw new InvalidOperationException("this weftd serves no plaintext discovery: start it with new WeftdStart { InsecureDiscovery = true } for proxies without certificates");

    public static Task<WeftdProcess> StartAsync(CancellationToken ct = default) => StartAsync(new WeftdStart(), ct);

    public static async Task<WeftdProcess> StartAsync(WeftdStart start, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        TempDir? owned = null;
        var dataDir = start.DataDir;
        if (dataDir is null && start.Home is null)
        {
            owned = Repo.TempDir("weftd");
            dataDir = System.IO.Path.Combine(owned.Path, "data");
        }
        var args = new List<string>();
        if (dataDir is not null)
            args.AddRange(["--data-dir", dataDir]);
        args.AddRange(["--listen", start.Listen]);
        var tlsPortGiven = start.Args.Any(a => a.Split('=')[0] is "--discovery-listen" or "--ca-listen");
        if (!tlsPortGiven)
            args.AddRange(["--discovery-listen", "127.0.0.1:0"]);
        if (start.InsecureDiscovery)
            args.AddRange(["--insecure-discovery-listen", "127.0.0.1:0"]);
        args.AddRange(start.Args);
        var env = new Dictionary<string, string?>();
        if (start.Home is not null)
            env["HOME"] = start.Home;
        dataDir ??= System.IO.Path.Combine(start.Home!, ".weft", "data");

        var process = ManagedProcess.Start(Repo.Binary("Weft.ControlPlane", "weftd"), args, env);
        try
        {
            var line = await process.WaitForLineAsync(ReadyLinePrefix + "http://", start.StartTimeout, ct);
            var url = line[(line.IndexOf(ReadyLinePrefix, StringComparison.Ordinal) + ReadyLinePrefix.Length)..].Trim();
            var token = (await File.ReadAllTextAsync(System.IO.Path.Combine(dataDir, "token"), ct)).Trim();
            // Both are logged (on stderr) before the ready line: wait for the reader to catch up. A
            // taken TLS port (an explicit default one) is logged as a warning instead of the address.
            var discovery = AddressIn(await WaitForAnyAsync(process, [DiscoveryLinePrefix, "TLS port cannot listen"], ct), DiscoveryLinePrefix);
            var insecure = start.InsecureDiscovery ? AddressIn(await process.WaitForLineAsync(InsecureDiscoveryLinePrefix, TimeSpan.FromSeconds(10), ct), InsecureDiscoveryLinePrefix) : null;
            return new WeftdProcess(process, new Uri(url + "/"), dataDir, token, owned, discovery, insecure);
        }
        catch
        {
            await process.DisposeAsync();
            owned?.Dispose();
            throw;
        }
    }

    private static string? AddressIn(string line, string prefix)
    {
        var at = line.IndexOf(prefix, StringComparison.Ordinal);
        return at < 0 ? null : line[(at + prefix.Length)..].Trim();
    }

    private static async Task<string> WaitForAnyAsync(ManagedProcess process, string[] texts, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            foreach (var line in process.Output.Split('\n'))
                if (texts.Any(t => line.Contains(t, StringComparison.Ordinal)))
                    return line.TrimEnd('\r');
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"weftd named none of its discovery addresses within 10 s. Output:\n{process.Output}");
            await Task.Delay(50, ct);
        }
    }

    /// <summary>A client for the REST API with this weftd's token (or the given one); <paramref name="timeout"/> defaults to 30 s.</summary>
    public HttpClient CreateClient(string? token = null, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Token);
        return client;
    }

    /// <summary>A client without any token.</summary>
    public HttpClient CreateAnonymousClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>SIGKILL: weftd gets no chance to clean up.</summary>
    public void KillHard() => Process.KillHard();

    /// <summary>SIGTERM and wait for the exit code.</summary>
    public Task<int> StopAsync(TimeSpan? timeout = null)
    {
        Process.Terminate();
        return Process.WaitForExitAsync(timeout ?? TimeSpan.FromSeconds(20));
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        _owned?.Dispose();
    }
}
