using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>ConnectionPoolSettings.HTTPSettings: request limits, idle timeout and HTTP/2 options.</summary>
[WireNullsAreAbsent]
public sealed record HttpSettings
{
    public int? Http1MaxPendingRequests { get; init; }
    public int? Http2MaxRequests { get; init; }
    public int? MaxRequestsPerConnection { get; init; }
    public int? MaxRetries { get; init; }
    public Duration? IdleTimeout { get; init; }
    public H2UpgradePolicy? H2UpgradePolicy { get; init; }
    public bool? UseClientProtocol { get; init; }
    public int? MaxConcurrentStreams { get; init; }
    public Http2KeepAlive? Http2KeepAlive { get; init; }
}
