namespace Weft.Discovery.Protocol;

/// <summary>One open push stream, as two byte streams: what the proxy writes and what it reads.</summary>
public interface IDiscoveryConnection : IAsyncDisposable
{
    Stream Requests { get; }

    Stream Responses { get; }

    /// <summary>Where this connection goes, for logs and status.</summary>
    string Peer { get; }
}
