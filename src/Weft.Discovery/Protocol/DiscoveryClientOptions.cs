namespace Weft.Discovery.Protocol;

/// <summary>
/// Reconnect back-off: the wait doubles from <see cref="InitialBackoff"/> up to
/// <see cref="MaxBackoff"/>, each wait drawn at random between half and all of it (jitter), so
/// a fleet of proxies does not reconnect in lockstep after a control plane restart.
/// </summary>
public sealed record DiscoveryClientOptions
{
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);
}
