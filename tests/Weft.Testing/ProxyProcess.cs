namespace Weft.Testing;

/// <summary>
/// A real weft-proxy process for a test: started from the build output with its admin endpoint
/// on an address of the test's own, waited for until it prints "weft-proxy ready", terminated
/// (SIGTERM, so it drains) on dispose.
/// </summary>
public sealed class ProxyProcess : IAsyncDisposable
{
    public const string ReadyLine = "weft-proxy ready";

    private ProxyProcess(ManagedProcess process, string adminAddress)
    {
        Process = process;
        AdminAddress = adminAddress;
        Admin = new HttpClient { BaseAddress = new Uri($"http://{adminAddress}/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public ManagedProcess Process { get; }

    /// <summary><c>ip:port</c> of the admin endpoint.</summary>
    public string AdminAddress { get; }

    /// <summary>A client for the admin endpoint (GET /config_dump, POST /quitquitquit, ...).</summary>
    public HttpClient Admin { get; }

    public string Output => Process.Output;

    /// <summary>Starts the proxy with the given arguments plus <c>--admin-address</c>; waits for the ready line unless told not to.</summary>
    public static async Task<ProxyProcess> StartAsync(IEnumerable<string> args, string? adminAddress = null, bool waitReady = true, TimeSpan? timeout = null)
    {
        adminAddress ??= $"{Net.UniqueLoopback()}:15000";
        var all = new List<string>(args) { "--admin-address", adminAddress };
        var process = ManagedProcess.Start(Repo.Binary("Weft.Proxy", "weft-proxy"), all);
        var proxy = new ProxyProcess(process, adminAddress);
        if (waitReady)
        {
            try
            {
                // Generous: a start takes about a second, but on a two-core CI machine running three
                // suites at once a JIT-heavy start has been seen past 20 s; only a failing start waits it out.
                await process.WaitForLineAsync(ReadyLine, timeout ?? TimeSpan.FromSeconds(60));
            }
            catch
            {
                await proxy.DisposeAsync();
                throw;
            }
        }
        return proxy;
    }

    public Task<string> AdminGetAsync(string path) => Admin.GetStringAsync(path.TrimStart('/'));

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Process.DisposeAsync();
    }
}
