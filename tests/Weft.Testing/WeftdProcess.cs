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

    /// <summary>More command-line arguments (e.g. <c>--watch-history 3</c>).</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// A real weftd process for a test: its own data directory, a free loopback port, and HTTP clients
/// that carry its API token. Waits for the ready line (<c>weftd listening on http://ADDR:PORT</c>)
/// as the CLI does; stopped (SIGTERM, then SIGKILL) and its temporary folder removed on dispose.
/// </summary>
public sealed class WeftdProcess : IAsyncDisposable
{
    public const string ReadyLinePrefix = "weftd listening on ";

    private readonly TempDir? _owned;

    private WeftdProcess(ManagedProcess process, Uri baseAddress, string dataDir, string token, TempDir? owned)
    {
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
            return new WeftdProcess(process, new Uri(url + "/"), dataDir, token, owned);
        }
        catch
        {
            await process.DisposeAsync();
            owned?.Dispose();
            throw;
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
