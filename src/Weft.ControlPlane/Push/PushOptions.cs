namespace Weft.ControlPlane.Push;

/// <summary>How config changes become pushes.</summary>
public sealed record PushOptions
{
    /// <summary>Wait this long after a change before rebuilding, so a burst is one rebuild (Istio's PILOT_DEBOUNCE_AFTER is 100 ms).</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often the set of connected sidecars is compared with the last one.</summary>
    public TimeSpan ProxyPoll { get; init; } = TimeSpan.FromMilliseconds(500);
}
