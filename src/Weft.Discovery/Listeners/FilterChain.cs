namespace Weft.Discovery.Listeners;

/// <summary>How one kind of connection on a listener is handled: exactly one of Http or Tcp.</summary>
public sealed record FilterChain
{
    public required string Name { get; init; }

    public FilterChainMatch Match { get; init; } = new();

    public HttpConnectionManager? Http { get; init; }

    public TcpProxy? Tcp { get; init; }

    /// <summary>TLS this chain terminates before handing the connection on (gateways); null: none.</summary>
    public DownstreamTlsContext? Tls { get; init; }
}
