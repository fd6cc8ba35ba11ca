namespace Weft.Discovery.Protocol;

/// <summary>The proxy's side of the push stream, as the client last saw it.</summary>
public sealed record DiscoveryClientStatus
{
    public bool Connected { get; init; }
    public string? Peer { get; init; }
    public string? LastAckedVersion { get; init; }
    public string? LastNackedVersion { get; init; }
    public string? LastNackError { get; init; }
    public int Reconnects { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset? LastChange { get; init; }
}
