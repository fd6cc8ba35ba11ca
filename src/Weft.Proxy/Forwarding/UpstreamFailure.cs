namespace Weft.Proxy.Forwarding;

/// <summary>How an attempt to the upstream failed before a response arrived.</summary>
public enum UpstreamFailure
{
    None,
    ConnectFailure,
    ConnectionTermination,
    RemoteReset,
    RefusedStream,
    PerTryTimeout,
    Overflow,
    NoHealthyUpstream,

    /// <summary>The route timeout (whole request) fired.</summary>
    RouteTimeout,

    /// <summary>The destination is the BlackHoleCluster.</summary>
    BlackHole,
}
