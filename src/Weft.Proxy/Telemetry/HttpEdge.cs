using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Weft.Proxy.Forwarding;

namespace Weft.Proxy.Telemetry;

/// <summary>
/// Every HTTP series between one source and one destination as one reporter sees them: the
/// label prefix (reporter, source_*, destination_*) is rendered once, and each response code,
/// protocol, gRPC status and flag combination gets its series the first time it happens.
/// Later requests find it by a packed number: no string is built per request.
/// </summary>
public sealed class HttpEdge(string prefix, string securityPolicy)
{
    private readonly ConcurrentDictionary<long, HttpSeries> _series = new();

    public string Prefix { get; } = prefix;

    public string SecurityPolicy { get; } = securityPolicy;

    public ICollection<HttpSeries> Series => _series.Values;

    /// <summary>The series of one response; <paramref name="grpcStatus"/> is -1 when the response carried none.</summary>
    public HttpSeries Get(bool grpc, int responseCode, int grpcStatus, ResponseFlags flags)
    {
        var key = ((long)(uint)flags << 32) | ((long)(responseCode & 0x3FF) << 8) | ((long)((grpcStatus + 1) & 0x7F) << 1) | (grpc ? 1L : 0L);
        if (_series.TryGetValue(key, out var s))
            return s;
        return _series.GetOrAdd(key, static (k, edge) => edge.Create(k), this);
    }

    private HttpSeries Create(long key)
    {
        var grpc = (key & 1) != 0;
        var grpcStatus = (int)((key >> 1) & 0x7F) - 1;
        var code = (int)((key >> 8) & 0x3FF);
        var flags = (ResponseFlags)(uint)(key >> 32);
        var sb = new StringBuilder(Prefix, Prefix.Length + 160)
            .Pair("request_protocol", grpc ? "grpc" : "http")
            .Pair("response_code", code.ToString(CultureInfo.InvariantCulture))
            .Pair("grpc_response_status", grpcStatus >= 0 ? grpcStatus.ToString(CultureInfo.InvariantCulture) : "")
            .Pair("response_flags", ResponseFlagsText.Format(flags))
            .Pair("connection_security_policy", SecurityPolicy);
        return new HttpSeries(sb.ToString());
    }
}
