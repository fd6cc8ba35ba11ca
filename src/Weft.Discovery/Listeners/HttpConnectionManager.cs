namespace Weft.Discovery.Listeners;

/// <summary>An HTTP chain: requests are routed by the named route configuration.</summary>
public sealed record HttpConnectionManager
{
    public required string RouteConfigName { get; init; }

    /// <summary>Stat prefix for this chain's counters (defaults to the chain name).</summary>
    public string? StatPrefix { get; init; }

    /// <summary>Use the peer address as the client address (gateways); otherwise trust x-forwarded-for.</summary>
    public bool UseRemoteAddress { get; init; }

    /// <summary>Generate <c>x-request-id</c> when the request has none (Envoy's default).</summary>
    public bool GenerateRequestId { get; init; } = true;

    /// <summary>Value of the <c>server</c> response header.</summary>
    public string ServerName { get; init; } = "weft";

    /// <summary>Idle time after which a downstream stream is reset; null: none.</summary>
    public TimeSpan? StreamIdleTimeout { get; init; }
}
