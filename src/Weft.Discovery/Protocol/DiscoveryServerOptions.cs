namespace Weft.Discovery.Protocol;

/// <summary>
/// Debounce of the push: after a change, wait until nothing changed for <see cref="Debounce"/>,
/// but never longer than <see cref="MaxDelay"/> (Istio's PILOT_DEBOUNCE_AFTER / _MAX are 100 ms / 10 s).
/// </summary>
public sealed record DiscoveryServerOptions
{
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(1);
}
