namespace Weft.Proxy.Listeners;

/// <summary>What the first bytes of a connection say it is.</summary>
internal enum SniffKind
{
    /// <summary>Nothing arrived (closed, or timed out): treat as raw bytes.</summary>
    None,
    Http1,
    Http2,
    Tls,
    Connect,
    Raw,
}

internal readonly record struct SniffResult(SniffKind Kind, string? ServerName);
