namespace Weft.Proxy.Hosting;

/// <summary>Process-level state the admin endpoint shows: draining, and the push stream's view.</summary>
public sealed class ProxyState
{
    private volatile bool _draining;

    public bool Draining
    {
        get => _draining;
        set => _draining = value;
    }

    public DiscoveryStatus Discovery { get; set; } = new();
}

/// <summary>The proxy's side of the push stream, for /config_dump and debugging.</summary>
public sealed record DiscoveryStatus
{
    public bool Connected { get; init; }
    public string? ControlPlane { get; init; }
    public string? LastAckedVersion { get; init; }
    public string? LastNackedVersion { get; init; }
    public string? LastNackError { get; init; }
    public DateTimeOffset? LastChange { get; init; }
    public int Reconnects { get; init; }
    public string? LastError { get; init; }
}
