using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>
/// Session affinity by a hash of one request property (header, cookie, source IP or query
/// parameter), over a ring hash or Maglev table.
/// </summary>
[WireNullsAreAbsent]
public sealed record ConsistentHashLB
{
    public string? HttpHeaderName { get; init; }
    public HttpCookie? HttpCookie { get; init; }
    public bool? UseSourceIp { get; init; }
    public string? HttpQueryParameterName { get; init; }
    public RingHash? RingHash { get; init; }
    public MagLev? Maglev { get; init; }

    /// <summary>Deprecated; <see cref="RingHash"/> replaces it.</summary>
    public ulong? MinimumRingSize { get; init; }
}
