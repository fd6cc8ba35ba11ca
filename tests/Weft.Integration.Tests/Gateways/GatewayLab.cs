using Weft.Testing;

namespace Weft.Integration.Tests.Gateways;

/// <summary>
/// weftd, the real `weft` CLI and plain HTTP backends on their own loopback addresses; gateways
/// are started with `weft gateway run --detach` as a user would, and called with curl.
/// Everything started is stopped on dispose.
/// </summary>
internal sealed class GatewayLab : IAsyncDisposable
{
    private readonly List<(string Name, string Namespace)> _gateways = [];

    private GatewayLab(WeftdProcess weftd, WeftCli cli)
    {
        Weftd = weftd;
        Discovery = weftd.DiscoveryAddress;
        InsecureDiscovery = weftd.InsecureDiscoveryAddress;
        Cli = cli;
    }

    public WeftdProcess Weftd { get; }
    /// <summary>weftd's TLS port, where `weft gateway run` gateways connect with their certificates.</summary>
    public string Discovery { get; }

    /// <summary>The plaintext listener, for gateway proxies a test starts by hand without certificates.</summary>
    public string InsecureDiscovery { get; }
    public WeftCli Cli { get; }
    public List<HttpBackend> Backends { get; } = [];

    public static async Task<GatewayLab> StartAsync(params string[] weftdArgs)
    {
        var weftd = await WeftdProcess.StartAsync(new WeftdStart { InsecureDiscovery = true, Args = weftdArgs });
        var cli = new WeftCli().Env("WEFT_SERVER", weftd.BaseAddress.ToString().TrimEnd('/')).Env("WEFT_TOKEN", weftd.Token);
        return new GatewayLab(weftd, cli);
    }

    public HttpBackend Backend(string name, string address, int port)
    {
        var b = HttpBackend.Start(name, address, port);
        Backends.Add(b);
        return b;
    }

    public async Task ApplyAsync(string file, string yaml)
    {
        var path = Cli.Files.Write(file, yaml);
        await Cli.MustAsync("apply", "-f", path);
    }

    /// <summary>`weft gateway run NAME -n NS ARGS --listen ADDR --detach`; returns what it printed.</summary>
    public async Task<Run.Result> RunGatewayAsync(string name, string ns, string address, params string[] args)
    {
        var r = await Cli.MustAsync(["gateway", "run", name, "-n", ns, "--listen", address, "--discovery-address", Discovery, "--detach", .. args]);
        _gateways.Add((name, ns));
        return r;
    }

    /// <summary>curl through the gateway with a Host header, retried until the answer satisfies the condition (config arrives by push).</summary>
    public async Task<Run.Result> CurlUntilAsync(string url, string host, Func<Run.Result, bool> done, string what, params string[] extra)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        Run.Result last;
        while (true)
        {
            last = await Run.CommandAsync("curl", ["-s", "-i", "--max-time", "5", "-H", $"Host: {host}", .. extra, url], null, null, TimeSpan.FromSeconds(15));
            if (done(last) || DateTime.UtcNow > deadline)
                break;
            await Task.Delay(200);
        }
        if (!done(last))
            throw new TimeoutException($"waited for {what}; curl {url} -H 'Host: {host}' last said:\n{last.Output}\nweftd:\n{Weftd.Process.Output[^Math.Min(Weftd.Process.Output.Length, 3000)..]}");
        return last;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (name, ns) in _gateways)
            await Cli.RunAsync("gateway", "stop", name, "-n", ns);
        foreach (var b in Backends)
            await b.DisposeAsync();
        await Cli.DisposeAsync();
        await Weftd.DisposeAsync();
    }
}

internal static class WeftCliPolling
{
    /// <summary>Runs a weft command until its answer satisfies the condition (the control plane writes status after a debounce).</summary>
    public static async Task<Run.Result> UntilAsync(this WeftCli cli, string[] args, Func<Run.Result, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        Run.Result last;
        while (true)
        {
            last = await cli.RunAsync(args);
            if (done(last) || DateTime.UtcNow > deadline)
                break;
            await Task.Delay(250);
        }
        if (!done(last))
            throw new TimeoutException($"waited for {what}; weft {string.Join(' ', args)} last said:\n{last.Output}");
        return last;
    }
}
