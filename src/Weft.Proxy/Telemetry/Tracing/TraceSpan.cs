using System.Security.Cryptography;
using Microsoft.Extensions.Primitives;

namespace Weft.Proxy.Telemetry.Tracing;

/// <summary>
/// The proxy's span of one request: the trace it joins (W3C traceparent, else B3 single
/// <c>b3</c>, else B3 multi <c>x-b3-*</c>; a new trace when none), its own span id, the
/// sampling decision (the caller's when it made one, else the configured percentage), and the
/// headers rewritten so the next hop is this span's child. Created only when tracing is on.
/// </summary>
public sealed class TraceSpan
{
    private TraceSpan(string traceId, string spanId, string? parentSpanId, bool sampled, long startUnixNano, KnownPeer? peer)
    {
        TraceId = traceId;
        SpanId = spanId;
        ParentSpanId = parentSpanId;
        Sampled = sampled;
        StartUnixNano = startUnixNano;
        Peer = peer;
    }

    public string TraceId { get; }

    public string SpanId { get; }

    public string? ParentSpanId { get; }

    public bool Sampled { get; }

    public long StartUnixNano { get; }

    /// <summary>The metadata-exchange peer of the request (the metrics' source), carried along.</summary>
    public KnownPeer? Peer { get; }

    public static TraceSpan Start(IHeaderDictionary headers, double samplingPercent, DateTimeOffset now, KnownPeer? peer)
    {
        var (traceId, parent, sampled) = Incoming(headers);
        traceId ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var spanId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var decided = sampled ?? Random.Shared.NextDouble() * 100 < samplingPercent;
        var flags = decided ? "01" : "00";
        headers["traceparent"] = $"00-{traceId}-{spanId}-{flags}";
        if (headers.ContainsKey("b3"))
            headers["b3"] = $"{traceId}-{spanId}-{(decided ? "1" : "0")}" + (parent is null ? "" : $"-{parent}");
        headers["x-b3-traceid"] = traceId;
        headers["x-b3-spanid"] = spanId;
        if (parent is not null)
            headers["x-b3-parentspanid"] = parent;
        else
            headers.Remove("x-b3-parentspanid");
        headers["x-b3-sampled"] = decided ? "1" : "0";
        return new TraceSpan(traceId, spanId, parent, decided, (now - DateTimeOffset.UnixEpoch).Ticks * 100, peer);
    }

    /// <summary>The caller's trace id, span id and sampling decision, from the first header family present.</summary>
    public static (string? TraceId, string? SpanId, bool? Sampled) Incoming(IHeaderDictionary headers)
    {
        if (headers.TryGetValue("traceparent", out var tp) && ParseTraceparent(tp) is { } w3c)
            return w3c;
        if (headers.TryGetValue("b3", out var b3) && ParseB3(b3.ToString()) is { } single)
            return single;
        if (headers.TryGetValue("x-b3-traceid", out var t) && headers.TryGetValue("x-b3-spanid", out var s) && IsHex(t.ToString(), 16, 32) && IsHex(s.ToString(), 16, 16))
        {
            bool? sampled = headers.TryGetValue("x-b3-sampled", out var smp) ? smp.ToString() is "1" or "true" : headers.TryGetValue("x-b3-flags", out var f) && f.ToString() == "1" ? true : null;
            return (Pad(t.ToString().ToLowerInvariant()), s.ToString().ToLowerInvariant(), sampled);
        }
        return (null, null, null);
    }

    private static (string?, string?, bool?)? ParseTraceparent(StringValues value)
    {
        var v = value.ToString();
        var parts = v.Split('-');
        if (parts.Length < 4 || parts[0].Length != 2 || !IsHex(parts[1], 32, 32) || !IsHex(parts[2], 16, 16) || parts[1] == new string('0', 32))
            return null;
        var flags = Convert.ToInt32(parts[3][..Math.Min(2, parts[3].Length)], 16);
        return (parts[1].ToLowerInvariant(), parts[2].ToLowerInvariant(), (flags & 1) == 1);
    }

    private static (string?, string?, bool?)? ParseB3(string v)
    {
        if (v is "0" or "1" or "d")
            return null;
        var parts = v.Split('-');
        if (parts.Length < 2 || !IsHex(parts[0], 16, 32) || !IsHex(parts[1], 16, 16))
            return null;
        bool? sampled = parts.Length > 2 ? parts[2] is "1" or "d" : null;
        return (Pad(parts[0].ToLowerInvariant()), parts[1].ToLowerInvariant(), sampled);
    }

    // A 64-bit B3 trace id is the low half of a 128-bit one.
    private static string Pad(string traceId) => traceId.Length == 16 ? new string('0', 16) + traceId : traceId;

    private static bool IsHex(string s, int min, int max)
    {
        if (s.Length < min || s.Length > max)
            return false;
        foreach (var c in s)
            if (!char.IsAsciiHexDigit(c))
                return false;
        return true;
    }
}
