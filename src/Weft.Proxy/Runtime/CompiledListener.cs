using Weft.Discovery.Listeners;
using Weft.Proxy.Routing;
using Weft.Proxy.Upstream;

namespace Weft.Proxy.Runtime;

/// <summary>A listener compiled: its chains in order, plus what its connections need sniffed.</summary>
public sealed class CompiledListener
{
    public CompiledListener(Listener l, IReadOnlyDictionary<string, CompiledRouteTable> tables, IReadOnlyDictionary<string, ClusterRuntime> clusters)
    {
        Config = l;
        Chains = [.. l.FilterChains.Select(f => new CompiledChain(f, tables, clusters))];
        Default = l.DefaultFilterChain is { } d ? new CompiledChain(d, tables, clusters) : null;
        var all = Default is null ? Chains : [.. Chains, Default];
        NeedsTlsSniff = all.Any(c => c.NeedsTlsSniff);
        // Server-first protocols (MySQL, SMTP) send nothing until the server speaks: only sniff
        // when some chain needs the client's first bytes (SNI, TLS vs plaintext, HTTP vs L4).
        HasHttpChain = all.Any(c => c.Http is not null);
        NeedsSniff = NeedsTlsSniff || HasHttpChain;
        SocketKey = SocketKeyOf(l.Address, l.Port);
    }

    public Listener Config { get; }

    public string Name => Config.Name;

    public string SocketKey { get; }

    public CompiledChain[] Chains { get; }

    public CompiledChain? Default { get; }

    public bool NeedsSniff { get; }

    public bool NeedsTlsSniff { get; }

    /// <summary>Whether some chain serves HTTP, so a connection's first bytes choose between HTTP and L4.</summary>
    public bool HasHttpChain { get; }

    public static string SocketKeyOf(string address, int port) => $"{address}:{port}";

    public CompiledChain? Select(string? host, int port, string? sni, string? transport)
    {
        foreach (var c in Chains)
            if (c.Matches(host, port, sni, transport))
                return c;
        return Default;
    }

    /// <summary>The first HTTP chain that fits the listener's own port (plain HTTP requests).</summary>
    public CompiledChain? SelectHttp(int port, string? transport)
    {
        foreach (var c in Chains)
            if (c.Http is not null && c.Matches(null, port, null, transport))
                return c;
        return Default?.Http is not null ? Default : null;
    }
}
