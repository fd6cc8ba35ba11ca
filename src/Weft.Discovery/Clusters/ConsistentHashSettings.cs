namespace Weft.Discovery.Clusters;

/// <summary>
/// What the hash key is: exactly one of HttpHeaderName, HttpCookie, UseSourceIp or
/// HttpQueryParameterName. A request without the key is balanced at random (Envoy).
/// </summary>
public sealed record ConsistentHashSettings
{
    public string? HttpHeaderName { get; init; }

    public HashCookie? HttpCookie { get; init; }

    public bool UseSourceIp { get; init; }

    public string? HttpQueryParameterName { get; init; }

    /// <summary>Ring size for RingHash (Envoy's default is 1024).</summary>
    public int MinimumRingSize { get; init; } = 1024;
}

/// <summary>Hash on a cookie; when absent and Ttl is set the proxy generates it (Envoy).</summary>
public sealed record HashCookie
{
    public required string Name { get; init; }

    public string? Path { get; init; }

    public TimeSpan? Ttl { get; init; }
}
