using System.Collections.Concurrent;
using System.Text;
using Weft.Proxy.Forwarding;

namespace Weft.Proxy.Telemetry;

/// <summary>The TCP series between one source and one destination, one per response flag set.</summary>
public sealed class TcpEdge(string prefix, string securityPolicy)
{
    private readonly ConcurrentDictionary<int, TcpSeries> _series = new();

    public string Prefix { get; } = prefix;

    public ICollection<TcpSeries> Series => _series.Values;

    public TcpSeries Get(ResponseFlags flags)
    {
        if (_series.TryGetValue((int)flags, out var s))
            return s;
        return _series.GetOrAdd((int)flags, static (f, edge) => new TcpSeries(new StringBuilder(edge.Prefix)
            .Pair("request_protocol", "tcp")
            .Pair("response_flags", ResponseFlagsText.Format((ResponseFlags)f))
            .Pair("connection_security_policy", edge._securityPolicy).ToString()), this);
    }

    private readonly string _securityPolicy = securityPolicy;
}
